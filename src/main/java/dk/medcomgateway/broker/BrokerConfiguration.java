package dk.medcomgateway.broker;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings of the embedded Artemis broker. The gateway's own routes decide when a message is
 * dead-lettered (after the configured retry budget); the broker must never drop or divert one
 * by itself, however often the gateway was restarted mid-delivery, nor delete an idle queue.
 */
@Configuration
public class BrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer gatewayAddressSettings() {
        return configuration -> configuration
                .addAddressSetting("#", neverDropping()
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000))
                // A delivery rolled back because its receiver is held must come straight back to the
                // head of its queue: with a delay, the messages behind it would overtake it.
                .addAddressSetting("delivery.#", neverDropping().setRedeliveryDelay(0));
    }

    /**
     * Spring Boot builds the embedded broker from {@code spring.artemis.embedded.*}; the gateway runs
     * it as a {@link RestartableEmbeddedBroker} on the very configuration Boot made, so that
     * {@link EmbeddedBrokerWatch} can start it again after Artemis shut it down.
     */
    @Bean
    static BeanPostProcessor restartableEmbeddedBroker() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                return bean instanceof EmbeddedActiveMQ embedded && !(bean instanceof RestartableEmbeddedBroker)
                        ? new RestartableEmbeddedBroker(embedded.getConfiguration())
                        : bean;
            }
        };
    }

    @Bean
    EmbeddedBrokerWatch embeddedBrokerWatch(ObjectProvider<EmbeddedActiveMQ> broker, MeterRegistry meters,
                                            @Value("${gateway.broker.restart-check:2s}") Duration checkEvery) {
        return new EmbeddedBrokerWatch(broker, checkEvery, meters);
    }

    private static AddressSettings neverDropping() {
        return new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                // Never used while attempts are unlimited and nothing expires; named so the broker
                // has somewhere to put a message rather than drop it, should either change.
                .setDeadLetterAddress(SimpleString.of("broker.DLA"))
                .setExpiryAddress(SimpleString.of("broker.expired"))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }
}
