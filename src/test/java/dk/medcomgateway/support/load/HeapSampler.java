package dk.medcomgateway.support.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new HeapSampler(() -> {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                return metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
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
