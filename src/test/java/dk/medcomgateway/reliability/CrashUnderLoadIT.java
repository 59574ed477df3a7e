package dk.medcomgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.process.CountingReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice, with the packaged gateway (an OS process) killed with SIGKILL or
 * its receiver crashing while many senders stream messages into it over HTTP. How many messages:
 * {@code -Dreliability.messages=10000} (default keeps {@code mvn verify} to a few minutes);
 * where the crashes fall: {@code -Dreliability.seed}.
 */
class CrashUnderLoadIT {

    private static final int MESSAGES = Integer.getInteger("reliability.messages", 200);
    private static final int SENDERS = Integer.getInteger("reliability.senders", 16);
    private static final long SEED = Long.getLong("reliability.seed", 20261123L);
    private static final int CRASHES = 3;
    /** Consumers of the receiver's queue: each may be handing over a copy when the gateway is killed. */
    private static final int CONSUMERS = 4;
    private static final Duration START_WITHIN = Duration.ofMinutes(8);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private CountingReceiver receiver;
    private GatewayProcess gateway;
    private SenderStream stream;

    @BeforeEach
    void start() throws Exception {
        receiver = new CountingReceiver();
        // A retry budget no crash in this test can use up, and fast retries and probes so the test is quick.
        gateway = GatewayProcess.deliveringTo(receiver.url("/herlev"), work, "crash-under-load", List.of(
                "--gateway.delivery.redelivery-delay-ms=200", "--gateway.delivery.maximum-redelivery-delay-ms=1000",
                "--gateway.delivery.maximum-redeliveries=100000", "--gateway.delivery.requeue-after-ms=5000",
                "--gateway.outage.watch-interval-ms=500", "--gateway.outage.drain-rate-per-second=1000",
                "--gateway.delivery.consumers-per-receiver=" + CONSUMERS));
        stream = new SenderStream(path -> URI.create(gateway.url(path)), "regional-engine", "engine-demo");
        gateway.start(START_WITHIN);
    }

    @AfterEach
    void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void gateway_killed_three_times_under_load_loses_no_acknowledged_message_and_delivers_none_twice() throws Exception {
        Random random = new Random(SEED);
        CompletableFuture<Void> crashes = CompletableFuture.runAsync(() -> crashAtRandomPoints(random, stream::acknowledged, () -> {
            gateway.kill();
            gateway.start(START_WITHIN);
        }));

        stream.run(MESSAGES, SENDERS, SEED);
        crashes.get();

        // A kill between the receiver taking a copy and the gateway recording it repeats that copy. Each of the
        // receiver's consumers may have one in flight: at most that many repeated messages per kill.
        assertNothingLostNothingTwice("gateway killed " + CRASHES + " times", CRASHES * CONSUMERS);
    }

    @Test
    void receiver_crashing_three_times_under_load_gets_every_message_once() throws Exception {
        Random random = new Random(SEED + 1);
        CompletableFuture<Void> crashes = CompletableFuture.runAsync(() -> crashAtRandomPoints(random, stream::acknowledged, () -> {
            receiver.shutDown();
            pause(2000 + random.nextInt(4000));
            receiver.restart();
        }));

        stream.run(MESSAGES, SENDERS, SEED);
        crashes.get();

        assertNothingLostNothingTwice("receiver down " + CRASHES + " times", 0);
    }

    /** Crashes once in each of CRASHES equal stretches of the stream, at a seeded random point within it. */
    private void crashAtRandomPoints(Random random, IntSupplier progress, Runnable crash) {
        for (int i = 0; i < CRASHES; i++) {
            int at = (int) (MESSAGES * (i + 0.1 + 0.7 * random.nextDouble()) / (CRASHES + 1));
            while (progress.getAsInt() < at) {
                pause(20);
            }
            crash.run();
        }
    }

    private void assertNothingLostNothingTwice(String what, int repeatsAllowed) throws Exception {
        Map<String, SenderStream.Sent> sent = stream.sent();
        List<String> acknowledged = sent.values().stream().filter(s -> s.outcome() == SenderStream.Outcome.OK)
                .map(SenderStream.Sent::headerId).toList();
        await().atMost(Duration.ofSeconds(120 + MESSAGES / 20)).pollInterval(Duration.ofMillis(500))
                .until(() -> acknowledged.stream().allMatch(id -> receiver.count(id) > 0));
        pause(3000); // long enough for a second copy, were one on its way
        gateway.stop();

        Map<String, Integer> counts = receiver.counts();
        Map<String, String> ledger = LedgerFile.statuses(gateway);
        long inDoubt = sent.values().stream().filter(s -> s.failedAttempts() > 0).count();
        Map<Integer, Long> copies = counts.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        Map<String, Long> statuses = ledger.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.printf("%s: %d messages from %d senders; %d ok, %d given up, %d refused; %d requests failed or transient-error"
                        + " (%d messages sent more than once that way), %d sent again after ok; receiver: %s (copies -> messages),"
                        + " %d unreadable; ledger: %s; answers that were not ok: %s%n",
                what, MESSAGES, SENDERS, acknowledged.size(), count(sent, SenderStream.Outcome.GAVE_UP),
                count(sent, SenderStream.Outcome.REFUSED), stream.failedRequests(), inDoubt, stream.extraSends(), copies,
                receiver.unreadable(), statuses, stream.answersWithoutAck());

        assertThat(stream.unexpected()).as("answers other than ok or transient-error").isEmpty();
        assertThat(sent).hasSize(MESSAGES);
        assertThat(acknowledged).as("every message is acknowledged ok in the end (senders retry)").hasSize(MESSAGES);
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("messages delivered twice").hasSizeLessThanOrEqualTo(repeatsAllowed);
        assertThat(counts.values()).as("no message delivered more than twice").allMatch(n -> n <= 2);
        assertThat(counts.keySet()).as("delivered exactly the messages sent").isEqualTo(sent.keySet());
        assertThat(receiver.unreadable()).isZero();
        assertThat(ledger.keySet()).as("the ledger knows every message").containsAll(sent.keySet());
        assertThat(ledger.entrySet().stream().filter(e -> !"DELIVERED".equals(e.getValue())).toList())
                .as("the ledger shows every message delivered").isEmpty();
    }

    private static long count(Map<String, SenderStream.Sent> sent, SenderStream.Outcome outcome) {
        return sent.values().stream().filter(s -> s.outcome() == outcome).count();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
