package dk.medcomgateway.support.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * Senders posting the feed's messages to the gateway's HTTP intake, each waiting for its answer
 * before sending the next (as a hospital's integration engine does), then waiting until the
 * receiver has every accepted message.
 */
final class GatewayLoad {

    /** The response code ok in an acknowledgement, JSON or XML. */
    private static final Pattern OK = Pattern.compile("\"code\"\\s*:\\s*\"ok\"|<code value=\"ok\"/>");
    private final IntakeClient intake;
    private final MessageFeed feed;
    private final MunicipalReceiver receiver;

    GatewayLoad(String intakeUrl, String user, String password, MessageFeed feed, MunicipalReceiver receiver) {
        this.intake = new IntakeClient(intakeUrl, user, password);
        this.feed = feed;
        this.receiver = receiver;
    }

    /**
     * One step: {@code concurrency} senders for {@code duration} or until {@code maxMessages} are sent,
     * then up to {@code drain} for the deliveries.
     *
     * @param cpuSeconds the measured process's CPU time so far
     * @param heapMb     the measured process's heap in use, sampled during the step
     */
    StepResult run(String validation, int concurrency, Duration duration, long maxMessages, Duration drain,
                   DoubleSupplier cpuSeconds, HeapSampler heap) throws InterruptedException {
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Latencies intakeLatency = new Latencies();
        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        double cpuBefore = cpuSeconds.getAsDouble();
        heap.reset();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Timeline timeline = new Timeline(start, duration);
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            senders.execute(() -> {
                while (System.nanoTime() < end && sent.incrementAndGet() <= maxMessages) {
                    MessageFeed.Message message = feed.next();
                    long before = System.nanoTime();
                    String problem = send(message);
                    long after = System.nanoTime();
                    if (problem == null) {
                        accepted.put(message.headerId(), before);
                        intakeLatency.add(after - before);
                        timeline.accepted(after);
                    } else {
                        refused.incrementAndGet();
                        firstError.compareAndSet(null, problem);
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS);
        long sendEnd = System.nanoTime();
        long drainEnd = sendEnd + drain.toNanos();
        while (System.nanoTime() < drainEnd && accepted.keySet().stream().anyMatch(id -> receiver.arrival(id) == null)) {
            Thread.sleep(100);
        }
        double cpu = cpuSeconds.getAsDouble() - cpuBefore;
        double wall = (System.nanoTime() - start) / 1e9;
        Latencies endToEnd = new Latencies();
        long delivered = 0;
        long lastArrival = start;
        for (Map.Entry<String, Long> message : accepted.entrySet()) {
            Long arrival = receiver.arrival(message.getKey());
            if (arrival != null) {
                delivered++;
                endToEnd.add(arrival - message.getValue());
                timeline.delivered(arrival);
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        double sendSeconds = (sendEnd - start) / 1e9;
        double deliverSeconds = Math.max(1e-3, (lastArrival - start) / 1e9);
        return new StepResult("gateway", validation, concurrency, sendSeconds, Math.min(sent.get(), maxMessages),
                accepted.size(), refused.get(), delivered, accepted.size() / sendSeconds, delivered / deliverSeconds,
                intakeLatency.percentileMs(50), intakeLatency.percentileMs(95), intakeLatency.percentileMs(99),
                endToEnd.percentileMs(50), endToEnd.percentileMs(99), cpu, cpu / wall, heap.maxMb(), firstError.get(),
                timeline.intervals(sendEnd));
    }

    /** Null when the gateway accepted the message (200 with an ok acknowledgement), else what went wrong. */
    private String send(MessageFeed.Message message) {
        try {
            HttpResponse<String> response = intake.post(message.body(), feed.mediaType());
            if (response.statusCode() == 200 && OK.matcher(response.body()).find()) {
                return null;
            }
            String body = response.body();
            return response.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    static List<Integer> concurrencies(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
