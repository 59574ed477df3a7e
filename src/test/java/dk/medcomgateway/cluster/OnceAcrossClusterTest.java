package dk.medcomgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A timer route does its work only while no other gateway instance holds its lock in the shared database. */
class OnceAcrossClusterTest extends GatewayTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    CamelContext camel;

    @Test
    void acknowledgement_timeouts_wait_while_another_instance_holds_the_timer_and_resume_when_it_lets_go() throws Exception {
        // Another gateway instance on the same database, with its own lock provider.
        JdbcTemplateLockProvider otherInstance = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
        // The gateway's own ticks keep the lock for 90 % of every period; with its timer paused, its last
        // hold runs out and the other instance takes the lock for sure, however slow the machine.
        camel.getRouteController().suspendRoute("ack-timeout");
        SimpleLock held;
        try {
            held = await().atMost(Duration.ofSeconds(10)).until(() -> otherInstance.lock(new LockConfiguration(
                    ClockProvider.now(), "ack-timeout", Duration.ofSeconds(30), Duration.ZERO)), Optional::isPresent).orElseThrow();
        } finally {
            camel.getRouteController().resumeRoute("ack-timeout");
        }
        String json = Examples.addressedTo(Examples.freshStin(), SILENT_SOR);
        String headerId = Examples.headerId(json);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredCount(headerId) == 1);

        // Unanswered past the 1.5 s timeout, checked every 0.3 s: resent by now, were the timer free.
        sleep(4000);
        assertThat(deliveredCount(headerId)).isEqualTo(1);

        held.unlock();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredCount(headerId) >= 2);
    }
}
