package dk.medcomgateway.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the embedded broker again after Artemis shut it down by itself, as it does for good on a
 * critical I/O error such as a full disk under its journal. Waits until that disk has room for two
 * journal files again. What was stored stays safe meanwhile: messages already queued are in the
 * journal, and stored copies that could not be queued are queued by the dispatch recovery once the
 * broker is back. The JMS listeners and senders reconnect by themselves.
 */
public class EmbeddedBrokerWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBrokerWatch.class);

    private final ObjectProvider<EmbeddedActiveMQ> brokers;
    private volatile RestartableEmbeddedBroker broker;
    private final Duration checkEvery;
    private final Counter restarts;
    private ScheduledExecutorService timer;
    private boolean warnedAboutSpace;

    /** Watches the embedded broker if the gateway runs one (not with an external broker). */
    public EmbeddedBrokerWatch(ObjectProvider<EmbeddedActiveMQ> brokers, Duration checkEvery, MeterRegistry meters) {
        this.brokers = brokers;
        this.checkEvery = checkEvery;
        this.restarts = Counter.builder("gateway.broker.restarts")
                .description("Restarts of the embedded broker after it had shut itself down")
                .register(meters);
    }

    /** True while the gateway's embedded broker is not running; false with an external broker. */
    public boolean isEmbeddedBrokerDown() {
        RestartableEmbeddedBroker watched = broker;
        return watched != null && !watched.isRunning();
    }

    void check() {
        if (!broker.stoppedByItself()) {
            return;
        }
        File journal = broker.getConfiguration().getJournalLocation();
        long needed = 2L * broker.getConfiguration().getJournalFileSize();
        long free = usableSpace(journal);
        if (free < needed) {
            if (!warnedAboutSpace) {
                log.error("The embedded broker has stopped; it starts again once {} has {} MB free (now {} MB)",
                        journal, needed >> 20, free >> 20);
                warnedAboutSpace = true;
            }
            return;
        }
        log.warn("The embedded broker had stopped; starting it again on its journal in {}", journal);
        try {
            broker.restart();
            restarts.increment();
            warnedAboutSpace = false;
            log.warn("The embedded broker is running again");
        } catch (Exception e) {
            log.error("The embedded broker did not start again ({}); trying again in {} s", e.toString(), checkEvery.toSeconds());
        }
    }

    private static long usableSpace(File directory) {
        try {
            return Files.getFileStore(directory.toPath()).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void start() {
        if (!(brokers.getIfAvailable() instanceof RestartableEmbeddedBroker embedded)) {
            return;
        }
        broker = embedded;
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-broker-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // A failed check must not end the schedule: the next one may find the broker startable.
            log.error("Checking the embedded broker failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            // A restart under way is let finish: the broker is stopped properly after this.
            timer.shutdown();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
