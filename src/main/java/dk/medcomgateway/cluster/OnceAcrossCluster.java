package dk.medcomgateway.cluster;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Route policy of the timer routes whose work must be done once across all gateway instances
 * sharing a database (ack timeouts, outage notices, watchdogs): a tick runs only on the instance
 * that takes the route's lock, and the lock is kept for most of the timer's period, so the other
 * instances' ticks in that period do nothing. With one instance every tick takes the lock.
 * Used in routes/*.yaml as {@code routePolicy: onceAcrossCluster}.
 */
@Component("onceAcrossCluster")
public class OnceAcrossCluster extends RoutePolicySupport {

    private static final Logger log = LoggerFactory.getLogger(OnceAcrossCluster.class);
    private static final String LOCK = OnceAcrossCluster.class.getName() + ".lock";

    private final LockProvider locks;
    private final ClusterProperties settings;

    public OnceAcrossCluster(LockProvider locks, ClusterProperties settings) {
        this.locks = locks;
        this.settings = settings;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(ClockProvider.now(), route.getRouteId(),
                settings.maximumHold(), holdFor(route)));
        if (lock.isPresent()) {
            exchange.setProperty(LOCK, lock.get());
        } else {
            log.debug("{}: another gateway instance has this tick", route.getRouteId());
            exchange.setRouteStop(true);
        }
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        SimpleLock lock = exchange.getProperty(LOCK, SimpleLock.class);
        if (lock != null) {
            // Released no earlier than the hold: a tick of another instance in this period finds it taken.
            lock.unlock();
        }
    }

    private Duration holdFor(Route route) {
        if (!(route.getEndpoint() instanceof TimerEndpoint timer)) {
            throw new IllegalStateException(route.getRouteId() + ": onceAcrossCluster is for timer routes");
        }
        Duration hold = Duration.ofMillis((long) (timer.getPeriod() * settings.holdShareOfPeriod()));
        return hold.compareTo(settings.maximumHold()) < 0 ? hold : settings.maximumHold();
    }
}
