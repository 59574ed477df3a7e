package dk.medcomgateway.support.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.GatewayProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.FileSystemUtils;

/**
 * The whole-path benchmark ({@code bench/run.sh}): the packaged gateway as a process of its own on
 * embedded defaults, delivering to a municipal system on loopback, driven at increasing concurrency,
 * first with the senders on {@code validation: structural}, then on full profile validation; then the
 * raw persistent Artemis broker with the same payloads and concurrency. Writes a JSON report and
 * prints a table whose last line is the ratio gateway (structural) / raw broker.
 *
 * <p>Options ({@code --name=value}): concurrency (4,16,64), duration (seconds per step, 20), messages
 * (cap per step, none), validation (structural,profile), baseline (true), receiver-ack (true),
 * warmup (seconds of load at the first concurrency before the measured steps, 240: on two cores the JIT compiles
 * the hot path under load for about four minutes, and the rate climbs two- to threefold meanwhile), drain (seconds to
 * wait for deliveries, 120),
 * gateway-jvm (JVM options of the gateway, space separated), examples (examples), format (json, or xml: the
 * examples converted by HAPI), out (bench/results).
 */
public final class GatewayBench {

    /** The organisations in MedCom's example messages: senders and receivers both. */
    static final List<String> PARTNER_SORS = List.of("953741000016009", "265161000016000", "1042981000016003", "543210987654321");
    static final String SENDER = "bench-sender";
    static final String OPS = "bench-ops";
    static final String SUPPORT = "bench-support";

    /** Everything a run measured, in the order it ran, with where the report went. */
    public record Report(List<StepResult> steps, Map<String, Object> facts, Path file, double ratio) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        // The raw broker runs in this JVM: its audit log (a line per connection) is noise here.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Report report = run(options);
        System.out.print(table(report));
        System.exit(0);
    }

    public static Report run(Map<String, String> options) throws Exception {
        List<Integer> concurrencies = GatewayLoad.concurrencies(options.getOrDefault("concurrency", "4,16,64"));
        Duration duration = seconds(options, "duration", 20);
        long messages = Long.parseLong(options.getOrDefault("messages", Long.toString(Long.MAX_VALUE)));
        Duration warmUp = seconds(options, "warmup", 240);
        Duration drain = seconds(options, "drain", 120);
        List<String> levels = Arrays.asList(options.getOrDefault("validation", "structural,profile").split(","));
        boolean baseline = Boolean.parseBoolean(options.getOrDefault("baseline", "true"));
        List<String> gatewayJvm = gatewayJvm(options, "-Xmx512m");
        String stamp = stamp();
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        Path work = Path.of(options.getOrDefault("work", "target/bench/" + stamp));

        FhirFormat format = switch (options.getOrDefault("format", "json")) {
            case "json" -> FhirFormat.JSON;
            case "xml" -> FhirFormat.XML;
            default -> throw new IllegalArgumentException("--format is json or xml, not " + options.get("format"));
        };
        MessageFeed feed = new MessageFeed(options.containsKey("examples") ? Path.of(options.get("examples")) : Examples.DIR, format);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("started", stamp);
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("gatewayJvm", String.join(" ", gatewayJvm));
        facts.put("examples", feed.examples());
        facts.put("format", feed.mediaType());
        facts.put("exampleSizes", feed.sizes().toString());
        facts.put("durationSeconds", duration.toSeconds());
        facts.put("receiverAcknowledges", options.getOrDefault("receiver-ack", "true"));
        List<StepResult> steps = new ArrayList<>();
        try (MunicipalReceiver receiver = new MunicipalReceiver(feed, Boolean.parseBoolean(options.getOrDefault("receiver-ack", "true")))) {
            for (String level : levels) {
                steps.addAll(gateway(level, work.resolve(level), gatewayJvm, feed, receiver, concurrencies, duration, messages,
                        warmUp, drain, facts));
            }
        }
        if (baseline) {
            try (ArtemisBaseline broker = new ArtemisBaseline(work.resolve("artemis")); HeapSampler heap = HeapSampler.self()) {
                if (!warmUp.isZero()) {
                    broker.run(feed, concurrencies.get(0), warmUp, messages, drain, heap);
                }
                for (int concurrency : concurrencies) {
                    steps.add(broker.run(feed, concurrency, duration, messages, drain, heap));
                }
            }
        }
        double ratio = ratio(steps);
        Files.createDirectories(out);
        Path file = out.resolve(stamp + ".json");
        Files.writeString(file, json(facts, steps, ratio));
        return new Report(steps, facts, file, ratio);
    }

    private static List<StepResult> gateway(String level, Path work, List<String> jvm, MessageFeed feed, MunicipalReceiver receiver,
                                            List<Integer> concurrencies, Duration duration, long messages, Duration warmUp,
                                            Duration drain, Map<String, Object> facts) throws Exception {
        Files.createDirectories(work);
        String password = UUID.randomUUID().toString();
        Path partners = work.resolve("partners.yaml");
        Files.writeString(partners, partnersYaml(receiver, level));
        Path users = work.resolve("users.yaml");
        Files.writeString(users, usersYaml(password));
        List<StepResult> steps = new ArrayList<>();
        try (GatewayProcess gateway = new GatewayProcess(work, List.of("--gateway.partners-file=" + partners.toAbsolutePath(),
                "--gateway.users-file=" + users.toAbsolutePath()), jvm)) {
            long start = System.nanoTime();
            gateway.start(Duration.ofSeconds(300));
            facts.put("startToHealthySeconds." + level, Math.round((System.nanoTime() - start) / 1e7) / 100.0);
            GatewayLoad load = new GatewayLoad(gateway.url("/fhir/$process-message"), SENDER, password, feed, receiver);
            try (HeapSampler heap = HeapSampler.prometheus(gateway.url("/actuator/prometheus"), OPS, password)) {
                if (!warmUp.isZero()) {
                    load.run(level, concurrencies.get(0), warmUp, messages, drain, () -> 0, heap);
                }
                for (int concurrency : concurrencies) {
                    steps.add(load.run(level, concurrency, duration, messages, drain, () -> ProcessCpu.seconds(gateway.pid()), heap));
                }
            }
            gateway.stop();
            // A run's ledger and journal take gigabytes; its log stays.
            FileSystemUtils.deleteRecursively(gateway.dataDir());
        }
        return steps;
    }

    static String partnersYaml(MunicipalReceiver receiver, String level) {
        return PARTNER_SORS.stream().map(sor -> """
                  - name: Bench partner %1$s
                    sor: "%1$s"
                    validation: %2$s
                    delivery:
                      url: %3$s
                """.formatted(sor, level, receiver.url("/" + sor))).collect(Collectors.joining("", "partners:\n", ""));
    }

    /** The command line's {@code --name=value} options, in their order. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    /** An option in whole seconds. */
    static Duration seconds(Map<String, String> options, String name, long defaultSeconds) {
        return Duration.ofSeconds(Long.parseLong(options.getOrDefault(name, Long.toString(defaultSeconds))));
    }

    /** The gateway process's JVM options: gateway-jvm, space separated. */
    static List<String> gatewayJvm(Map<String, String> options, String defaultOptions) {
        return Arrays.stream(options.getOrDefault("gateway-jvm", defaultOptions).split(" ")).filter(s -> !s.isBlank()).toList();
    }

    /** When a run started, as its work directory and report files are named. */
    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /**
     * The load's users: a partner that may send as every example organisation, ops, who reads the metrics,
     * and support, who searches the ledger.
     */
    static String usersYaml(String password) {
        String hash = new BCryptPasswordEncoder().encode(password);
        return """
                users:
                  - {username: %s, password: "%s", roles: [partner], senders: [%s]}
                  - {username: %s, password: "%s", roles: [ops]}
                  - {username: %s, password: "%s", roles: [support]}
                """.formatted(SENDER, hash, PARTNER_SORS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")), OPS, hash,
                SUPPORT, hash);
    }

    /** The best structural rate (accepted and delivered) over the best raw-broker rate; 0 when either is missing. */
    static double ratio(List<StepResult> steps) {
        double gateway = best(steps, "gateway", "structural");
        double broker = best(steps, "artemis", "none");
        return broker == 0 ? 0 : gateway / broker;
    }

    private static double best(List<StepResult> steps, String system, String validation) {
        return steps.stream().filter(s -> s.system().equals(system) && s.validation().equals(validation))
                .mapToDouble(StepResult::acceptedAndDeliveredPerSecond).max().orElse(0);
    }

    private static String json(Map<String, Object> facts, List<StepResult> steps, double ratio) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("facts", facts);
        report.put("steps", steps);
        report.put("ratio", ratio);
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report);
    }

    public static String table(Report report) {
        StringBuilder table = new StringBuilder();
        report.facts().forEach((k, v) -> table.append(k).append(": ").append(v).append('\n'));
        table.append(String.format(Locale.ROOT, "%-8s %-10s %4s %8s %8s %9s %9s %7s %7s %7s %7s %7s %6s %7s%n", "system", "validation",
                "conc", "accepted", "refused", "acc/s", "deliv/s", "in p50", "in p95", "in p99", "e2e p50", "e2e p99", "cores", "heapMB"));
        for (StepResult s : report.steps()) {
            table.append(String.format(Locale.ROOT, "%-8s %-10s %4d %8d %8d %9.1f %9.1f %7.1f %7.1f %7.1f %7.1f %7.1f %6.2f %7.0f%n",
                    s.system(), s.validation(), s.concurrency(), s.accepted(), s.refused(), s.acceptedPerSecond(),
                    s.deliveredPerSecond(), s.intakeP50Ms(), s.intakeP95Ms(), s.intakeP99Ms(), s.endToEndP50Ms(), s.endToEndP99Ms(),
                    s.cpuCores(), s.heapUsedMb()));
            if (s.timeline().size() > 1) {
                table.append(s.timeline().stream()
                        .map(i -> String.format(Locale.ROOT, "%.0f/%.0f", i.acceptedPerSecond(), i.deliveredPerSecond()))
                        .collect(Collectors.joining(" ", "  per " + Timeline.INTERVAL.toSeconds() + " s, accepted/delivered a second: ", "\n")));
            }
            if (s.firstError() != null) {
                table.append("  first refusal: ").append(s.firstError()).append('\n');
            }
        }
        table.append("report: ").append(report.file()).append('\n');
        table.append(String.format(Locale.ROOT, "ratio: %.2f%n", report.ratio()));
        return table.toString();
    }
}
