package dk.medcomgateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Artemis stops its server for good on a critical I/O error, such as a journal write meeting a full
 * disk (the real full disk is {@code reliability/DiskFullIT}). Here the error is raised the way
 * Artemis raises it, through the server's critical-error listener.
 */
class EmbeddedBrokerRestartTest extends GatewayTestBase {

    @Autowired
    EmbeddedActiveMQ broker;
    @Autowired
    MeterRegistry meters;

    @Test
    void after_artemis_stops_on_a_critical_io_error_a_new_server_starts_and_every_message_taken_in_meanwhile_is_delivered_once() {
        double restartsBefore = restarts();
        String before = Examples.freshStin();
        assertThat(postJson(before).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredCount(Examples.headerId(before)) == 1);

        ActiveMQServer failed = broker.getActiveMQServer();
        failed.getIoCriticalErrorListener().onIOException(new IOException("No space left on device"), "journal append failed", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> failed.getState() == ActiveMQServer.SERVER_STATE.STOPPED);

        // Taken in while there is no broker: stored, acknowledged, queued once the broker is back.
        String whileStopped = Examples.freshStin();
        assertThat(postJson(whileStopped).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(30)).until(() -> broker.getActiveMQServer() != failed && broker.getActiveMQServer().isActive());
        assertThat(restarts()).isEqualTo(restartsBefore + 1);
        String after = Examples.freshStin();
        assertThat(postJson(after).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredCount(Examples.headerId(whileStopped)) == 1
                && deliveredCount(Examples.headerId(after)) == 1);
        sleep(3000);
        assertThat(deliveredCount(Examples.headerId(before))).isEqualTo(1);
        assertThat(deliveredCount(Examples.headerId(whileStopped))).isEqualTo(1);
        assertThat(deliveredCount(Examples.headerId(after))).isEqualTo(1);
        assertThat(messageStatus(Examples.headerId(whileStopped))).isIn("DELIVERED", "FINALISED");
    }

    @Test
    void the_journal_syncs_as_often_as_configured() {
        // config/gateway.yaml's 500us, not the 3333us Artemis gives its NIO journal by default.
        assertThat(broker.getActiveMQServer().getConfiguration().getJournalBufferTimeout_NIO()).isEqualTo(500_000);
        assertThat(broker.getActiveMQServer().getConfiguration().getJournalBufferTimeout_AIO()).isEqualTo(500_000);
    }

    private double restarts() {
        var counter = meters.find("gateway.broker.restarts").counter();
        return counter == null ? 0 : counter.count();
    }
}
