package dk.medcomgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.CountingReceiver;
import dk.medcomgateway.support.process.GatewayClient;
import dk.medcomgateway.support.process.GatewayProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway with its data on a small tmpfs that a filler file fills up while senders
 * stream messages into it: the whole data directory (H2 ledger, Artemis journal, file drop), or the
 * Artemis journal alone. Whichever store meets the full disk, the gateway must answer within a
 * bound, lose nothing it acknowledged and come back by itself once space is freed. Needs permission
 * to mount a tmpfs (root, as on CI); skipped otherwise.
 *
 * <p>Started first of the process tests, which run two at a time: it mostly waits on its full disk, so the tests
 * beside it have the other core. Started last, it ran alone at the end.
 */
@Order(1)
class DiskFullIT {

    private static final int MESSAGES = Integer.getInteger("reliability.disk-full.messages", 300);
    private static final int SENDERS = 4;
    /** Holds the whole data dir: H2 ledger, Artemis journal, file drop. */
    private static final String DATA_DISK = "160m";
    /** Holds the Artemis data dir alone: two 10 MB journal files and room for some more. */
    private static final String JOURNAL_DISK = "64m";
    /** Longer than any answer the gateway may take while its disk is full: a request waiting this long hangs. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final Duration FULL_FOR = Duration.ofSeconds(25);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private final List<Path> mounted = new ArrayList<>();
    private CountingReceiver receiver;
    private GatewayProcess gateway;
    private SenderStream stream;

    /** Mounts a small tmpfs at {@code work/<name>}; skips the test where mounting is not allowed. */
    private Path smallDisk(String name, String size) throws Exception {
        Path disk = Files.createDirectories(work.resolve(name));
        String failed = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString());
        Assumptions.assumeTrue(failed.isEmpty(), "a disk-full test needs a small tmpfs, and mounting one is not permitted here: " + failed);
        mounted.add(disk);
        return disk;
    }

    private void startGateway(String logName, List<String> arguments) throws Exception {
        receiver = new CountingReceiver();
        List<String> all = new ArrayList<>(List.of(
                "--gateway.delivery.redelivery-delay-ms=200", "--gateway.delivery.maximum-redelivery-delay-ms=1000",
                "--gateway.delivery.maximum-redeliveries=100000", "--gateway.delivery.requeue-after-ms=5000"));
        all.addAll(arguments);
        gateway = GatewayProcess.deliveringTo(receiver.url("/herlev"), work, logName, all);
        stream = new SenderStream(path -> URI.create(gateway.url(path)), "regional-engine", "engine-demo");
        gateway.start(Duration.ofMinutes(8));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        for (Path disk : mounted) {
            String unmounted = run("umount", disk.toString());
            assertThat(unmounted).as("tmpfs unmounted").isEmpty();
        }
    }

    @Test
    void full_disk_answers_transient_error_within_bound_loses_nothing_acknowledged_and_recovers_once_space_is_freed() throws Exception {
        Path disk = smallDisk("data", DATA_DISK);
        startGateway("disk-full", List.of());
        Filled run = fillDuringStream(disk, () -> { }, () -> { }, Examples::freshStin);

        assertThat(run.whileFull()).as("probes while the disk was full").isNotEmpty()
                // ok only where the ledger still committed into space it had: such a message must be delivered like any other.
                .allSatisfy(p -> assertThat(p.answer()).as("a full disk is the gateway's own trouble: transient-error, or ok if stored")
                        .isIn("ok", "transient-error", "HTTP 503 OperationOutcome"))
                .anySatisfy(p -> assertThat(p.answer()).isEqualTo("transient-error"));
        assertDeliveredOnceAndRecovered(run);
    }

    /**
     * Only the broker's journal is on the small disk: the ledger keeps taking messages in, and the
     * journal's full disk makes Artemis shut its server down. The gateway starts it again once
     * space is freed, and queues what it stored meanwhile.
     */
    @Test
    void full_broker_disk_keeps_intake_answering_and_the_broker_is_started_again_once_space_is_freed() throws Exception {
        Path disk = smallDisk("journal", JOURNAL_DISK);
        // Tiny journal files, and the receiver down while the disk is full: the queue's records (a few
        // hundred bytes a message, the payload stays in the ledger) soon fill the journal's pre-allocated
        // files, and the broker needs disk space it cannot get.
        startGateway("disk-full-journal", List.of("--spring.artemis.embedded.data-directory=" + disk,
                "--gateway.broker.journal-file-size=64KB"));
        Filled run = fillDuringStream(disk, receiver::shutDown, receiver::restart, Examples::freshStin);

        assertThat(run.whileFull()).as("probes while the broker's disk was full").isNotEmpty()
                .allSatisfy(p -> assertThat(p.answer()).as("the ledger still stores: ok, or transient-error while it cannot")
                        .isIn("ok", "transient-error", "HTTP 503 OperationOutcome"));
        assertDeliveredOnceAndRecovered(run);
        String log = gateway.log();
        assertThat(log).as("Artemis met the full disk and shut its server down").contains("AMQ222010");
        assertThat(log).as("and the gateway started it again").contains("The embedded broker is running again");
    }

    private record Filled(long filledBytes, List<Probe> whileFull, List<Probe> afterwards, List<String> okIds) {
    }

    /**
     * Streams the senders' messages, fills the disk when a quarter are acknowledged, probes with fresh
     * messages while it is full, frees it and waits for every sender to end with an ok.
     */
    private Filled fillDuringStream(Path disk, Runnable whenFull, Runnable whenFreed, Supplier<String> probeMessage) throws Exception {
        CompletableFuture<Void> senders = CompletableFuture.runAsync(() -> {
            try {
                stream.run(MESSAGES, SENDERS, 20261123L);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofMinutes(3)).until(() -> stream.acknowledged() >= MESSAGES / 4);

        whenFull.run();
        Path filler = disk.resolve("filler");
        long filled = fill(filler);
        int acknowledgedBeforeFull = stream.acknowledged();
        List<Probe> whileFull = new ArrayList<>();
        long fullUntil = System.nanoTime() + FULL_FOR.toNanos();
        while (System.nanoTime() < fullUntil) {
            whileFull.add(probe(probeMessage.get()));
        }
        int acknowledgedWhileFull = stream.acknowledged() - acknowledgedBeforeFull;
        Files.delete(filler);
        whenFreed.run();

        // The senders' retries now go through: every message of the stream ends with an ok.
        senders.get(4, TimeUnit.MINUTES);
        List<Probe> afterwards = List.of(probe(Examples.freshStin()), probe(Examples.freshStin()), probe(Examples.freshStin()));
        List<String> okIds = new ArrayList<>(stream.sent().values().stream()
                .filter(s -> s.outcome() == SenderStream.Outcome.OK).map(SenderStream.Sent::headerId).toList());
        afterwards.forEach(p -> okIds.add(p.headerId()));
        whileFull.stream().filter(p -> p.answer().equals("ok")).forEach(p -> okIds.add(p.headerId()));
        System.out.printf("disk full (%s): %d messages from %d senders, filled with %d MB for %ds; %d acknowledged ok before,"
                        + " %d while full; answers that were not ok: %s; probes while full: %s; after freeing: %s%n",
                disk.getFileName(), MESSAGES, SENDERS, filled >> 20, FULL_FOR.toSeconds(), acknowledgedBeforeFull,
                acknowledgedWhileFull, stream.answersWithoutAck(), summary(whileFull), summary(afterwards));
        return new Filled(filled, whileFull, afterwards, okIds);
    }

    private void assertDeliveredOnceAndRecovered(Filled run) throws Exception {
        assertThat(run.whileFull()).allSatisfy(p -> assertThat(p.took()).as("answered within a bound").isLessThan(ANSWER_WITHIN));
        assertThat(stream.answersWithoutAck().keySet()).as("senders' answers other than ok: only transient-error, never a 500 or a hang")
                .isSubsetOf("transient-error", "HTTP 503");
        assertThat(stream.unexpected()).isEmpty();
        assertThat(run.afterwards()).as("new messages after the filler is deleted, with no restart")
                .allSatisfy(p -> assertThat(p.answer()).isEqualTo("ok"));
        assertThat(stream.sent().values()).as("every sender's retry succeeds").hasSize(MESSAGES)
                .allMatch(s -> s.outcome() == SenderStream.Outcome.OK);
        List<String> okIds = run.okIds();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> okIds.stream().allMatch(id -> receiver.count(id) > 0));
        } catch (ConditionTimeoutException stuck) {
            gateway.dumpThreads(); // into the gateway's log: where delivery stands
            throw stuck;
        }
        Thread.sleep(3000); // long enough for a second copy, were one on its way
        gateway.stop();
        Map<String, String> ledger = LedgerFile.statuses(gateway);
        Map<String, Integer> counts = receiver.counts();
        assertThat(counts.keySet()).as("delivered exactly the messages acknowledged").containsExactlyInAnyOrderElementsOf(okIds);
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("delivered more than once").isEmpty();
        assertThat(receiver.unreadable()).isZero();
        assertThat(okIds).as("the ledger shows every acknowledged message delivered")
                .allMatch(id -> "DELIVERED".equals(ledger.get(id)));
    }

    private record Probe(String headerId, String answer, Duration took) {
    }

    /** A fresh message posted once: its acknowledgement code, or what came back instead, and how long the answer took. */
    private Probe probe(String stin) {
        long started = System.nanoTime();
        String answer;
        try {
            HttpResponse<String> response = GatewayClient.post(gateway, stin);
            Matcher code = SenderStream.ACK_CODE.matcher(response.body());
            answer = code.find() ? code.group(1)
                    : "HTTP " + response.statusCode() + (response.body().contains("\"OperationOutcome\"") ? " OperationOutcome" : " " + response.body());
        } catch (Exception e) {
            answer = "no answer: " + e;
        }
        return new Probe(Examples.headerId(stin), answer, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Map<String, Long> summary(List<Probe> probes) {
        Map<String, Long> byAnswer = new HashMap<>();
        probes.forEach(p -> byAnswer.merge(p.answer(), 1L, Long::sum));
        byAnswer.put("slowest ms", probes.stream().mapToLong(p -> p.took().toMillis()).max().orElse(0));
        return byAnswer;
    }

    /** Writes the filler until the tmpfs has no byte left; returns its size. */
    private static long fill(Path filler) throws IOException {
        byte[] chunk = new byte[1 << 16];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return written;
    }

    /** Runs a command; returns its output if it failed, else "". */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return process.waitFor() == 0 ? "" : String.join(" ", command) + ": " + output.trim();
    }
}
