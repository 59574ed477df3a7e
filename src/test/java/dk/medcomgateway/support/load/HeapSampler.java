package dk.medcomgateway.support.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Samples a JVM's heap in use twice a second and keeps the highest value since the last reset. */
final class HeapSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong max = new AtomicLong();
    private final LongSupplier usedBytes;

    private HeapSampler(LongSupplier usedBytes) {
        this.usedBytes = usedBytes;
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            max.accumulateAndGet(usedBytes.getAsLong(), Math::max);
        } catch (RuntimeException e) {
            // a missed sample (the process is busy or stopping) leaves the maximum as it was
        }
    }

    /** The gateway's heap: the sum of jvm_memory_used_bytes{area="heap"} on its Prometheus endpoint. */
    static HeapSampler prometheus(String url, String user, String password) {
        PrometheusGauges gauges = new PrometheusGauges(url, user, password);
        return new HeapSampler(() -> {
            try {
                return gauges.read().getOrDefault("heap", 0.0).longValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** This JVM's heap (the raw broker runs in the load generator). */
    static HeapSampler self() {
        Runtime runtime = Runtime.getRuntime();
        return new HeapSampler(() -> runtime.totalMemory() - runtime.freeMemory());
    }

    /** Starts a new maximum, from a sample taken now (a short step may see no timed sample). */
    void reset() {
        max.set(0);
        sample();
    }

    double maxMb() {
        return max.get() / 1024.0 / 1024.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
