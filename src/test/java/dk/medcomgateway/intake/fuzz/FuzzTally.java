package dk.medcomgateway.intake.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one channel's fuzz run saw: cases by kind, answers by category, the slowest answer, the failures. */
final class FuzzTally {

    /** How the gateway answered one case: a category for the summary, or what was wrong with the answer. */
    record Verdict(String category, String failure) {
        static Verdict ok(String category) {
            return new Verdict(category, null);
        }

        static Verdict fail(String failure) {
            return new Verdict("FAILED", failure);
        }
    }

    private final String channel;
    private final long seed;
    private final long started = System.nanoTime();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Map<String, Long> millisByKind = new TreeMap<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private long slowestMillis;
    private String slowestKind;
    private int good;
    private int goodDelivered;

    FuzzTally(String channel, long seed) {
        this.channel = channel;
        this.seed = seed;
    }

    synchronized void record(int index, BadInput input, Verdict verdict, long millis) {
        kinds.merge(input.kind(), 1, Integer::sum);
        millisByKind.merge(input.kind(), millis, Long::sum);
        answers.merge(verdict.category(), 1, Integer::sum);
        if (verdict.failure() != null) {
            failures.add("case " + index + " (" + input.kind() + ", " + input.contentType() + "): " + verdict.failure());
        }
        if (millis > slowestMillis) {
            slowestMillis = millis;
            slowestKind = input.kind();
        }
    }

    synchronized void goodMessages(int sent, int delivered) {
        good = sent;
        goodDelivered = delivered;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized String summary() {
        int cases = kinds.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, String> perKind = new TreeMap<>();
        kinds.forEach((kind, n) -> perKind.put(kind, n + " x " + millisByKind.get(kind) / n + " ms"));
        return String.format("Fuzz %s: %d cases (seed %d) in %d s; answers %s; slowest answer %d ms (%s); good messages alongside"
                        + " %d, delivered once %d; cases x mean answer time by kind %s", channel, cases, seed, (System.nanoTime() - started) / 1_000_000_000L,
                answers, slowestMillis, slowestKind, good, goodDelivered, perKind);
    }
}
