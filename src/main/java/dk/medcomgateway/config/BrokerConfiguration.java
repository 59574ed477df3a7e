package dk.medcomgateway.config;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
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
