package dk.medcomgateway.delivery;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.routing.Partner;
import org.springframework.stereotype.Component;

/** The Camel endpoint URI that hands a message to a partner, from its directory entry. */
@Component
public class DeliveryTargets {

    private final GatewayProperties.Delivery settings;
    private final java.nio.file.Path dataDir;

    public DeliveryTargets(GatewayProperties properties) {
        this.settings = properties.delivery();
        this.dataDir = properties.dataDir();
    }

    public String uriFor(Partner partner) {
        Partner.Delivery d = partner.delivery();
        if (d.url() != null) {
            String separator = d.url().contains("?") ? "&" : "?";
            return d.url() + separator + "httpMethod=POST&throwExceptionOnFailure=true"
                    + "&connectTimeout=" + settings.connectTimeoutMs()
                    + "&connectionRequestTimeout=" + settings.connectTimeoutMs()
                    + "&responseTimeout=" + settings.responseTimeoutMs()
                    + "&soTimeout=" + settings.responseTimeoutMs();
        }
        if (d.queue() != null) {
            return "jms:queue:" + d.queue() + "?exchangePattern=InOnly";
        }
        // A relative folder is under the data dir, so all of the gateway's state stays in one place.
        return "file:" + dataDir.resolve(d.directory()).toAbsolutePath() + "?tempPrefix=.incoming-";
    }
}
