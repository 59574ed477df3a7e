package dk.medcomgateway.retention;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.ledger.BodyArchive;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RetentionConfiguration {

    /** The archive of pruned bodies; a relative directory is under the data dir. */
    @Bean
    BodyArchive bodyArchive(RetentionProperties retention, GatewayProperties gateway) {
        return new BodyArchive(gateway.dataDir().resolve(retention.archive().directory()).toAbsolutePath());
    }
}
