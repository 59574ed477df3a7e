package dk.medcomgateway.delivery;

import dk.medcomgateway.outage.ReceiverBreakers;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * One delivery route per partner, made from the {@code deliver-to-receiver} template in
 * routes/deliver.yaml. A route per receiver queue keeps each receiver's order and lets one
 * receiver's trouble leave the others alone.
 */
@Component
public class DeliveryRoutes implements CamelContextConfiguration {

    public static final String TEMPLATE = "deliver-to-receiver";

    private final PartnerDirectory directory;
    private final DeliveryTargets targets;
    private final ReceiverBreakers breakers;

    public DeliveryRoutes(PartnerDirectory directory, DeliveryTargets targets, ReceiverBreakers breakers) {
        this.directory = directory;
        this.targets = targets;
        this.breakers = breakers;
    }

    public static String routeId(Partner partner) {
        return "deliver-" + partner.id();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (Partner partner : directory.all()) {
            camelContext.getRegistry().bind("cb-" + partner.id(), breakers.forPartner(partner.id()));
            TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(routeId(partner))
                    .parameter("partnerId", partner.id())
                    .parameter("queue", partner.queueName())
                    .parameter("deadLetterQueue", partner.deadLetterQueueName())
                    .parameter("target", targets.uriFor(partner))
                    .add();
        }
    }
}
