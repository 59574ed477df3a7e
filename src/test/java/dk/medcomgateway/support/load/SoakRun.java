package dk.medcomgateway.support.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.GatewayProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The on-demand soak ({@code bench/soak.sh}): the packaged gateway as a process of its own, fed
 * {@link SoakTraffic} at a modest steady rate for a long time while its municipal receiver goes down
 * and comes back on a schedule. Every interval it samples the gateway's heap (in use, and live after
 * the last old-generation GC), its receiver queue depth, the intake latency and what was delivered;
 * at the end it compares the first and the last quarter (flat or growing) and checks that every
 * message answered ok was delivered, once. Writes bench/results/soak-<time>.csv and .json; exits 1
 * when something was lost or delivered twice.
 *
 * <p>Options ({@code --name=value}): duration (seconds, 3600), interval (seconds between samples, 30),
 * rate (messages per second, 4), senders (4), receiver-down (seconds the receiver is down, 20),
 * receiver-cycle (seconds from one fall to the next, 180; receiver-down=0: never down), drain (seconds to wait
 * for deliveries, 600), validation (the senders' partners' validation, profile or structural; profile),
 * searches (ledger searches timed at the end, each by MessageHeader.id and by patient, 50; 0: none), gateway-jvm
 * ("-Xmx1g"), examples (examples), out (bench/results), ledger-seed (messages written into the ledger
 * before the gateway starts, see {@link LedgerSeed}; 0), kill-at (seconds into the run at which the gateway is killed
 * with SIGKILL and restarted on the same data dir, see {@link GatewayKill}; 0: never), restart-at-end (true: at the end the gateway
 * is stopped and started once more on the ledger the run filled, to time start-up at that size; false), keep-data (true:
 * the gateway's data dir stays under {@code target/soak/<time>/} for a look at its ledger or journal; false: deleted).
 * <p>A scale run is a long soak: {@code --validation=structural --rate=50 --duration=25000 --receiver-down=0}
 * sends a million new messages among its requests. Where that takes too long, {@code --ledger-seed=1000000} starts the
 * gateway on a ledger that already holds a million, and a shorter soak measures start-up, intake and search at that size.
 */
public final class SoakRun {

    /** How much the last quarter may exceed the first before a measure counts as growing. */
    private static final double GROWTH_TOLERANCE = 1.25;

    record Sample(long second, boolean receiverUp, double heapUsedMb, double liveAfterGcMb, double queueDepth,
                  double intakeP50Ms, double intakeP99Ms, long requests, long acknowledged, long delivered) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = GatewayBench.options(args);
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(Map<String, String> options) throws Exception {
        Duration duration = GatewayBench.seconds(options, "duration", 3600);
        Duration interval = GatewayBench.seconds(options, "interval", 30);
        double rate = Double.parseDouble(options.getOrDefault("rate", "4"));
        int senders = Integer.parseInt(options.getOrDefault("senders", "4"));
        Duration down = GatewayBench.seconds(options, "receiver-down", 20);
        Duration cycle = GatewayBench.seconds(options, "receiver-cycle", 180);
        Duration drain = GatewayBench.seconds(options, "drain", 600);
        List<String> jvm = GatewayBench.gatewayJvm(options, "-Xmx1g");
        String validation = options.getOrDefault("validation", "profile");
        int searches = Integer.parseInt(options.getOrDefault("searches", "50"));
        long seed = Long.parseLong(options.getOrDefault("ledger-seed", "0"));
        GatewayKill kill = new GatewayKill(GatewayBench.seconds(options, "kill-at", 0));
        boolean restartAtEnd = Boolean.parseBoolean(options.getOrDefault("restart-at-end", "false"));
        boolean keepData = Boolean.parseBoolean(options.getOrDefault("keep-data", "false"));
        String stamp = GatewayBench.stamp();
        Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "bench/results")));
        Path work = Files.createDirectories(Path.of("target/soak/" + stamp));

        MessageFeed feed = new MessageFeed(options.containsKey("examples") ? Path.of(options.get("examples")) : Examples.DIR);
        String password = UUID.randomUUID().toString();
        List<Sample> samples = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("started", stamp);
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("durationSeconds", duration.toSeconds());
        facts.put("ratePerSecond", rate);
        facts.put("receiverDownSecondsPerCycle", down.toSeconds() + "/" + cycle.toSeconds());
        facts.put("gatewayJvm", String.join(" ", jvm));
        facts.put("validation", validation);
        try (MunicipalReceiver receiver = new MunicipalReceiver(feed, true)) {
            Path partners = Files.writeString(work.resolve("partners.yaml"), GatewayBench.partnersYaml(receiver, validation));
            Path users = Files.writeString(work.resolve("users.yaml"), GatewayBench.usersYaml(password));
            String cprKey = UUID.randomUUID().toString();
            try (GatewayProcess gateway = new GatewayProcess(work, List.of("--gateway.partners-file=" + partners.toAbsolutePath(),
                    "--gateway.users-file=" + users.toAbsolutePath(), "--gateway.outage.detection.probe-interval=2s",
                    "--gateway.privacy.cpr-hash-key=" + cprKey), jvm)) {
                List<String> searchable = new ArrayList<>();
                if (seed > 0) {
                    LedgerSeed.Seeded seeded = LedgerSeed.fill(gateway.dataDir(), Map.of("gateway.partners-file", partners.toAbsolutePath().toString(),
                            "gateway.privacy.cpr-hash-key", cprKey), feed, seed);
                    searchable.addAll(seeded.sampleIds());
                    facts.put("ledgerSeeded", seeded.messages());
                    facts.put("ledgerSeedSeconds", Math.round(seeded.seconds()));
                    facts.put("ledgerSeedFileMb", seeded.ledgerBytes() >> 20);
                }
                long launched = System.nanoTime();
                gateway.start(Duration.ofMinutes(30));
                facts.put("healthySeconds", Math.round((System.nanoTime() - launched) / 1e8) / 10.0);
                SoakTraffic traffic = new SoakTraffic(gateway.url("/fhir/$process-message"), GatewayBench.SENDER, password, feed, receiver);
                drive(traffic, receiver, gateway, duration, interval, rate, senders, down, cycle, password, kill, samples);
                facts.putAll(kill.facts());
                receiver.up();
                facts.put("answers", new TreeMap<>(traffic.answers()));
                facts.putAll(settle(traffic, receiver, drain));
                searchable.addAll(traffic.acknowledgedIds());
                facts.putAll(searchTimes(gateway, password, searchable, feed, searches));
                if (restartAtEnd) {
                    facts.putAll(restartOnItsLedger(gateway));
                }
                gateway.stop();
                if (!keepData) {
                    // A long run's ledger takes gigabytes; its log stays.
                    FileSystemUtils.deleteRecursively(gateway.dataDir());
                }
            }
        }
        Map<String, Object> trend = trend(samples);
        Files.writeString(out.resolve("soak-" + stamp + ".csv"), csv(samples));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("facts", facts);
        report.put("trend", trend);
        report.put("samples", samples);
        Files.writeString(out.resolve("soak-" + stamp + ".json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        facts.forEach((k, v) -> System.out.println(k + ": " + v));
        trend.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println("report: " + out.resolve("soak-" + stamp + ".json"));
        boolean nothingLost = ((Number) facts.get("lost")).longValue() == 0 && ((Number) facts.get("deliveredTwice")).longValue() == 0;
        System.out.println(nothingLost ? "every ok delivered once" : "LOST OR DUPLICATED MESSAGES");
        return nothingLost;
    }

    /** Sends at the rate for the duration, takes the receiver down on its schedule, kills the gateway if asked, samples every interval. */
    private static void drive(SoakTraffic traffic, MunicipalReceiver receiver, GatewayProcess gateway, Duration duration,
                              Duration interval, double rate, int senders, Duration down, Duration cycle, String password,
                              GatewayKill kill, List<Sample> samples) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nanosBetween = (long) (1e9 / rate);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicLong nextSlot = new AtomicLong(start);
        AtomicLong requests = new AtomicLong();
        for (int s = 0; s < senders; s++) {
            Random random = new Random(s);
            pool.execute(() -> {
                try {
                    // Senders share one schedule of slots: the rate holds whatever one request takes. A gateway slower than
                    // the rate leaves slots unsent; they lapse at the end rather than stretch the run past its duration.
                    for (long slot = nextSlot.getAndAdd(nanosBetween); slot < end && System.nanoTime() < end;
                         slot = nextSlot.getAndAdd(nanosBetween)) {
                        long wait = slot - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        traffic.sendOne(random);
                        requests.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        PrometheusGauges metrics = new PrometheusGauges(gateway.url("/actuator/prometheus"), GatewayBench.OPS, password);
        long nextSample = start + interval.toNanos();
        while (System.nanoTime() < end) {
            long second = (System.nanoTime() - start) / 1_000_000_000L;
            kill.atSecond(second, gateway, Duration.ofMinutes(30));
            boolean shouldBeUp = second % cycle.toSeconds() < cycle.toSeconds() - down.toSeconds();
            if (shouldBeUp) {
                receiver.up();
            } else {
                receiver.down();
            }
            if (System.nanoTime() >= nextSample) {
                nextSample += interval.toNanos();
                Latencies latency = traffic.takeInterval();
                List<String> ok = traffic.acknowledgedIds();
                Map<String, Double> m = read(metrics);
                Sample sample = new Sample(second, shouldBeUp, m.getOrDefault("heap", 0.0) / 1048576,
                        m.getOrDefault("live", 0.0) / 1048576, m.getOrDefault("queue", 0.0), latency.percentileMs(50),
                        latency.percentileMs(99), requests.get(), ok.size(), ok.stream().filter(id -> receiver.copies(id) > 0).count());
                samples.add(sample);
                System.out.printf(Locale.ROOT, "%6ds receiver %-4s heap %6.0f MB live %6.0f MB queue %5.0f intake p50 %6.1f p99 %7.1f ms"
                                + "  requests %d ok %d delivered %d%n", sample.second(), shouldBeUp ? "up" : "down", sample.heapUsedMb(),
                        sample.liveAfterGcMb(), sample.queueDepth(), sample.intakeP50Ms(), sample.intakeP99Ms(), sample.requests(),
                        sample.acknowledged(), sample.delivered());
            }
            Thread.sleep(200);
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    /** Waits until every message answered ok has arrived; counts what was lost or came twice. */
    private static Map<String, Object> settle(SoakTraffic traffic, MunicipalReceiver receiver, Duration drain) throws InterruptedException {
        List<String> ok = traffic.acknowledgedIds();
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && ok.stream().anyMatch(id -> receiver.copies(id) == 0)) {
            Thread.sleep(500);
        }
        Thread.sleep(5000); // long enough for a second copy, were one on its way
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("acknowledgedOk", ok.size());
        result.put("lost", ok.stream().filter(id -> receiver.copies(id) == 0).count());
        result.put("deliveredTwice", ok.stream().filter(id -> receiver.copies(id) > 1).count());
        return result;
    }

    /** The support desk's search in the ledger the run filled: by MessageHeader.id of random ok (or seeded) messages, and by patient. */
    private static Map<String, Object> searchTimes(GatewayProcess gateway, String password, List<String> ok, MessageFeed feed,
                                                   int searches) throws IOException, InterruptedException {
        if (searches == 0) {
            return Map.of();
        }
        Random random = new Random(7);
        LedgerSearchProbe probe = new LedgerSearchProbe(gateway.url("/api/messages"), GatewayBench.SUPPORT, password);
        List<String> ids = random.ints(searches, 0, Math.max(1, ok.size())).mapToObj(i -> ok.isEmpty() ? "none" : ok.get(i)).toList();
        List<String> patients = Stream.generate(() -> feed.patientSent(random)).limit(searches).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("searchByMessageHeaderId", probe.time("messageHeaderId", ids, (id, body) -> body.contains("\"" + id + "\"")));
        result.put("searchByPatient", probe.time("patient", patients, (patient, body) -> body.startsWith("[{")));
        return result;
    }

    /**
     * Stops the gateway gracefully, then starts it again on the ledger the run filled and times the start to healthy:
     * start-up at the run's size. The ledger file's size is read while the gateway is down.
     */
    private static Map<String, Object> restartOnItsLedger(GatewayProcess gateway) throws IOException {
        gateway.stop();
        Map<String, Object> facts = new LinkedHashMap<>();
        Path ledger = gateway.dataDir().resolve("db").resolve("ledger.mv.db");
        facts.put("ledgerFileMb", Files.size(ledger) >> 20);
        long launched = System.nanoTime();
        gateway.start(Duration.ofMinutes(30));
        facts.put("healthyOnItsLedgerSeconds", Math.round((System.nanoTime() - launched) / 1e8) / 10.0);
        return facts;
    }

    /**
     * Per measure: the first and the last quarter of the samples, and whether it grew. Queue depth
     * rises and falls with every receiver outage, so its floor (the quarter's lowest) is compared;
     * live heap after GC is 0 until the first major GC, so those samples are left out.
     */
    static Map<String, Object> trend(List<Sample> samples) {
        Map<String, Object> trend = new LinkedHashMap<>();
        int quarter = Math.max(1, samples.size() / 4);
        List<Sample> first = samples.subList(0, Math.min(quarter, samples.size()));
        List<Sample> last = samples.subList(Math.max(0, samples.size() - quarter), samples.size());
        trend.put("heapUsedMb", compare(first, last, Sample::heapUsedMb, false, 32));
        trend.put("liveAfterGcMb", compare(first, last, Sample::liveAfterGcMb, false, 32));
        trend.put("queueDepthFloor", compare(first, last, Sample::queueDepth, true, 10));
        trend.put("intakeP50Ms", compare(first, last, Sample::intakeP50Ms, false, 20));
        trend.put("intakeP99Ms", compare(first, last, Sample::intakeP99Ms, false, 20));
        return trend;
    }

    /** Growing: the last quarter above the first by the tolerance and by more than {@code noise} (a queue of 0 then 2 is not growth). */
    private static String compare(List<Sample> first, List<Sample> last, ToDoubleFunction<Sample> measure, boolean floor, double noise) {
        double a = summary(first, measure, floor);
        double b = summary(last, measure, floor);
        boolean growing = b > a * GROWTH_TOLERANCE && b - a > noise;
        return String.format(Locale.ROOT, "first quarter %.1f, last quarter %.1f: %s", a, b, growing ? "GROWING" : "flat");
    }

    private static double summary(List<Sample> samples, ToDoubleFunction<Sample> measure, boolean floor) {
        DoubleStream values = samples.stream().mapToDouble(measure);
        return floor ? values.min().orElse(0) : values.filter(v -> v > 0).average().orElse(0);
    }

    private static String csv(List<Sample> samples) {
        return samples.stream().map(s -> String.format(Locale.ROOT, "%d,%s,%.1f,%.1f,%.0f,%.1f,%.1f,%d,%d,%d", s.second(),
                        s.receiverUp() ? "up" : "down", s.heapUsedMb(), s.liveAfterGcMb(), s.queueDepth(), s.intakeP50Ms(),
                        s.intakeP99Ms(), s.requests(), s.acknowledged(), s.delivered()))
                .collect(Collectors.joining("\n", "second,receiver,heapUsedMb,liveAfterGcMb,queueDepth,intakeP50Ms,intakeP99Ms,"
                        + "requests,acknowledgedOk,delivered\n", "\n"));
    }

    /** The gauges now; a missed sample (the gateway busy) is recorded as zeros, and shows in the CSV. */
    private static Map<String, Double> read(PrometheusGauges metrics) {
        try {
            return metrics.read();
        } catch (Exception e) {
            return Map.of();
        }
    }
}
