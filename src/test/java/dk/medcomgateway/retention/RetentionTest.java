package dk.medcomgateway.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention on the running gateway (config/retention.yaml: HospitalNotification bodies 180 days, messages 3,650
 * days; the test gateway archives before pruning): old bodies go to the archive and out of the ledger, very old
 * messages go whole and leave a tombstone, and nothing that is still waiting, in an open case or under legal
 * hold is touched. The support desk still finds what remains, and says when the rest was pruned.
 */
class RetentionTest extends GatewayTestBase {

    @Autowired
    Retention retention;

    @Test
    void old_bodies_are_archived_and_pruned_very_old_messages_leave_a_tombstone_and_protected_messages_stay() throws Exception {
        String old = Examples.freshStin();
        String veryOld = Examples.freshStin();
        String openCase = Examples.freshStin();
        String held = Examples.freshStin();
        String waiting = Examples.freshStin();
        String recent = Examples.freshStin();
        List<String> all = List.of(old, veryOld, openCase, held, waiting, recent);
        for (String message : all) {
            assertThat(postJson(message).ackCode()).isEqualTo("ok");
        }
        all.forEach(message -> awaitFinalised(Examples.headerId(message)));
        age(old, 400);
        age(veryOld, 4000);
        age(openCase, 400);
        age(held, 400);
        age(waiting, 400);
        jdbc.update("INSERT INTO support_case (message_id, partner_id, kind, detail, status, opened_at) SELECT id, NULL, 'test', 'open', 'OPEN', ?"
                + " FROM message WHERE message_header_id = ?", OffsetDateTime.now(CLOCK), Examples.headerId(openCase));
        assertThat(api("POST", "/api/messages/" + Examples.headerId(held) + "/hold", "{\"reason\": \"complaint 2026-17\"}", SUPPORT))
                .startsWith("204");
        // A copy on its receiver's queue, not yet handed over (the recovery timer re-queues only PENDING ones).
        jdbc.update("UPDATE dispatch SET status = 'QUEUED' WHERE delivery_id IN (SELECT d.id FROM delivery d JOIN message m ON m.id = d.message_id"
                + " WHERE m.message_header_id = ?)", Examples.headerId(waiting));
        double prunedBefore = counter("bodies");

        Retention.Run run = retention.prune();

        assertThat(run.bodies()).isGreaterThanOrEqualTo(1);
        assertThat(run.messages()).isGreaterThanOrEqualTo(1);
        assertThat(counter("bodies") - prunedBefore).isEqualTo(run.bodies());
        // The old message: its trail stays, its body comes from the archive, and it cannot be resent.
        assertThat(bodyKept(old)).isFalse();
        assertThat(trailSteps(Examples.headerId(old))).contains("body-pruned");
        String payload = api("GET", "/api/messages/" + Examples.headerId(old) + "/payload", null, SUPPORT);
        assertThat(payload).isEqualTo("200 " + old);
        assertThat(api("POST", "/api/messages/" + Examples.headerId(old) + "/resend", "{}", SUPPORT)).startsWith("409").contains("pruned");
        Path archive = DATA_DIR.resolve("archive");
        try (Stream<Path> files = Files.walk(archive)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("index.csv").anyMatch(name -> name.endsWith(".zip"));
        }
        // The very old one is gone whole, and the support desk says when.
        assertThat(messageStatus(Examples.headerId(veryOld))).isNull();
        String gone = api("GET", "/api/messages/" + Examples.headerId(veryOld), null, SUPPORT);
        assertThat(gone).startsWith("410").contains("was pruned on");
        assertThat(api("GET", "/api/messages/" + Examples.headerId(veryOld) + "/payload", null, SUPPORT)).isEqualTo("200 " + veryOld);
        // Protected and recent ones keep their bodies.
        for (String kept : List.of(openCase, held, waiting, recent)) {
            assertThat(bodyKept(kept)).as(Examples.headerId(kept)).isTrue();
        }
        assertThat(api("GET", "/api/audit?actor=retention", null, SUPPORT)).contains("\"action\":\"prune\"");
        assertThat(api("GET", "/api/audit?actor=support", null, SUPPORT)).contains("\"action\":\"hold\"");

        // Released, the held message goes with the next run.
        assertThat(api("DELETE", "/api/messages/" + Examples.headerId(held) + "/hold", null, SUPPORT)).startsWith("204");
        retention.prune();
        assertThat(bodyKept(held)).isFalse();
        assertThat(bodyKept(waiting)).isTrue();
    }

    /**
     * Not a timed test: it prints the intake's answer times while a run prunes a few hundred old messages, for the
     * README's figures, and checks only that every message sent meanwhile was answered ok.
     */
    @Test
    void the_intake_answers_while_retention_prunes() throws Exception {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String message = Examples.freshStin();
            assertThat(postJson(message).ackCode()).isEqualTo("ok");
            old.add(Examples.headerId(message));
        }
        // Delivered first: a copy still waiting for its receiver is never pruned.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                .until(() -> old.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
        old.forEach(h -> ageById(h, 200));
        List<Long> quiet = answerTimes(() -> false, 40);
        CompletableFuture<Retention.Run> pruning = CompletableFuture.supplyAsync(retention::prune);
        List<Long> during = answerTimes(() -> !pruning.isDone(), 20);
        Retention.Run run = pruning.get();
        System.out.printf("Retention pruned %d bodies and %d messages in %d ms (%.0f/s); intake without pruning %s, while pruning %s%n",
                run.bodies(), run.messages(), run.took().toMillis(),
                (run.bodies() + run.messages()) * 1000.0 / Math.max(1, run.took().toMillis()), figures(quiet), figures(during));
        assertThat(run.bodies()).isGreaterThanOrEqualTo(300);
    }

    /** Answer times of messages sent one after another: at least {@code least}, and on while the condition holds. */
    private List<Long> answerTimes(java.util.function.BooleanSupplier more, int least) {
        List<Long> millis = new ArrayList<>();
        while (more.getAsBoolean() || millis.size() < least) {
            long start = System.nanoTime();
            assertThat(postJson(Examples.freshStin()).ackCode()).isEqualTo("ok");
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private static String figures(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length + " messages, p50 " + sorted[sorted.length / 2] + " ms, p99 "
                + sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] + " ms, max " + sorted[sorted.length - 1] + " ms";
    }

    private void age(String message, int days) {
        ageById(Examples.headerId(message), days);
    }

    /** Received so many days before the gateway's clock (which other tests move forward). */
    private void ageById(String messageHeaderId, int days) {
        jdbc.update("UPDATE message SET received_at = ? WHERE message_header_id = ?",
                OffsetDateTime.now(CLOCK).withOffsetSameInstant(ZoneOffset.UTC).minusDays(days), messageHeaderId);
    }

    private boolean bodyKept(String message) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM message_body b JOIN message m ON m.id = b.message_id WHERE m.message_header_id = ?",
                Integer.class, Examples.headerId(message)) == 1;
    }

    private double counter(String what) {
        String scrape = api("GET", "/actuator/prometheus", null, OPS);
        return Arrays.stream(scrape.split("\n")).filter(l -> l.startsWith("gateway_retention_pruned_total{what=\"" + what + "\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
