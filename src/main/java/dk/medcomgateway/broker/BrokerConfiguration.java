package dk.medcomgateway.broker;

import dk.medcomgateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.server.config.JMSConfiguration;
import org.apache.activemq.artemis.jms.server.config.JMSQueueConfiguration;
import org.apache.activemq.artemis.jms.server.config.TopicConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
    ArtemisConfigurationCustomizer gatewayAddressSettings(GatewayProperties properties) {
        return configuration -> configuration
                // The journal pre-allocates two files of this size and adds more as queues grow.
                .setJournalFileSize(Math.toIntExact(properties.broker().journalFileSize().toBytes()))
                // Every persistent send and every transacted receive waits for the next sync of the journal.
                .setJournalBufferTimeout_NIO(Math.toIntExact(properties.broker().journalBufferTimeout().toNanos()))
                .setJournalBufferTimeout_AIO(Math.toIntExact(properties.broker().journalBufferTimeout().toNanos()))
                // Artemis blocks every producer once its disk is 90 % full, and a blocked send holds the
                // intake thread that is answering a sender (seen in DiskFullIT: answers after 30 s). The
                // ledger is the store of record: a send that fails leaves the copy to the dispatch
                // recovery, and a broker stopped by a full disk is started again (EmbeddedBrokerWatch).
                .setMaxDiskUsage(-1)
                .addAddressSetting("#", neverDropping()
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000))
                // A delivery rolled back because its receiver is held must come straight back to the
                // head of its queue: with a delay, the messages behind it would overtake it.
                .addAddressSetting("delivery.#", neverDropping().setRedeliveryDelay(0));
    }

    /**
     * The embedded broker as Spring Boot builds it from {@code spring.artemis.embedded.*} (its queues
     * and the customizers above), but as a {@link RestartableEmbeddedBroker}, so that
     * {@link EmbeddedBrokerWatch} can start it again after Artemis shut it down.
     */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnBooleanProperty(name = "spring.artemis.embedded.enabled", matchIfMissing = true)
    RestartableEmbeddedBroker embeddedActiveMq(org.apache.activemq.artemis.core.config.Configuration configuration,
                                               JMSConfiguration jms, ObjectProvider<ArtemisConfigurationCustomizer> customizers) {
        for (JMSQueueConfiguration queue : jms.getQueueConfigurations()) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(queue.getName())
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue.getName())
                            .setAddress(queue.getName())
                            .setFilterString(queue.getSelector())
                            .setDurable(queue.isDurable())
                            .setRoutingType(RoutingType.ANYCAST)));
        }
        for (TopicConfiguration topic : jms.getTopicConfigurations()) {
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(topic.getName())
                    .addRoutingType(RoutingType.MULTICAST));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        return new RestartableEmbeddedBroker(configuration);
    }

    @Bean
    EmbeddedBrokerWatch embeddedBrokerWatch(ObjectProvider<EmbeddedActiveMQ> broker, MeterRegistry meters, GatewayProperties properties) {
        return new EmbeddedBrokerWatch(broker, properties.broker().restartCheck(), meters);
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
