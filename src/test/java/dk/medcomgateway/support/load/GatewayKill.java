package dk.medcomgateway.support.load;

import dk.medcomgateway.support.process.GatewayProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SIGKILL of the gateway during a soak, at a second of its run, and the restart on the same data dir. Whatever
 * the gateway answered {@code ok} before it died must still reach the receiver once; a message in flight at the kill
 * is sent again by its sender (SoakTraffic retries), as a hospital's engine would.
 */
final class GatewayKill {

    private final Duration at;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private boolean done;

    /** A kill {@code at} into the run; {@link Duration#ZERO}: none. */
    GatewayKill(Duration at) {
        this.at = at;
    }

    /** Kills and restarts the gateway the first time the run reaches the kill's second; waits until it is healthy again. */
    void atSecond(long second, GatewayProcess gateway, Duration healthyWithin) {
        if (done || at.isZero() || second < at.toSeconds()) {
            return;
        }
        done = true;
        gateway.kill();
        long restarted = System.nanoTime();
        gateway.start(healthyWithin);
        facts.put("killedAtSecond", second);
        facts.put("healthyAfterKillSeconds", Math.round((System.nanoTime() - restarted) / 1e8) / 10.0);
    }

    /** When the kill came and how long the restart took; empty without a kill. */
    Map<String, Object> facts() {
        return facts;
    }
}
