package dk.medcomgateway.reliability;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The packaged gateway killed with SIGKILL keeps what it acknowledged and delivers it once after the restart. */
class PackagedGatewayRestartIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private TestReceiver receiver;
    private GatewayProcess gateway;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestReceiver();
        gateway = GatewayProcess.deliveringTo(receiver.url("/herlev"), work, "packaged-gateway-restart", List.of(
                "--gateway.delivery.redelivery-delay-ms=200", "--gateway.delivery.maximum-redelivery-delay-ms=1000",
                "--gateway.delivery.maximum-redeliveries=1000"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void acknowledged_message_survives_a_kill_and_is_delivered_once_after_restart() throws Exception {
        gateway.start(Duration.ofMinutes(4));
        receiver.defaultStatus("/herlev", 503);
        String stin = Examples.freshStin();

        assertThat(post(gateway, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        gateway.kill();

        receiver.defaultStatus("/herlev", 200);
        gateway.start(Duration.ofMinutes(4));
        String headerId = Examples.headerId(stin);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.containing(headerId).size() == 1);

        // The sender, not sure its first try got through, sends it again: same answer, no second delivery.
        assertThat(post(gateway, Examples.newBundleId(stin)).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        Thread.sleep(2000);
        assertThat(receiver.containing(headerId)).hasSize(1);
    }
}
