package dk.medcomgateway.support.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.ArtemisBroker;
import dk.medcomgateway.support.process.GatewayProcess;
import dk.medcomgateway.support.process.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scale-out benchmark ({@code bench/scale-out.sh}): the whole path of {@link GatewayBench}, but with the
 * packaged gateway on an external Artemis broker and PostgreSQL (the production set-up), run first as one
 * instance and then as two sharing broker and database. The senders are spread evenly over the instances.
 * Prints a table (per instance count and concurrency: the instances' summed rates, their worst latencies and
 * summed CPU) and writes it as JSON.
 *
 * <p>Options ({@code --name=value}): instances (1,2), concurrency (total senders, 8,32), duration (seconds per
 * step, 20), warmup (10), drain (120), validation (structural), gateway-jvm (-Xmx1g), examples
 * (examples), out (bench/results). PostgreSQL as for the process tests
 * ({@code -Dgateway.test.postgres-url}, see {@link SharedPostgres}); the broker is the distribution under
 * target/artemis-broker.
 */
public final class ScaleOutBench {

    /** One instance count at one total concurrency: the instances' steps summed up. */
    public record ScaleStep(int instances, int concurrency, long accepted, long refused, long delivered, double acceptedPerSecond,
                            double deliveredPerSecond, double worstIntakeP50Ms, double worstIntakeP99Ms, double worstEndToEndP50Ms,
                            double worstEndToEndP99Ms, double cpuCores, String firstError) {

        static ScaleStep of(int instances, int concurrency, List<StepResult> steps) {
            return new ScaleStep(instances, concurrency, sum(steps, StepResult::accepted), sum(steps, StepResult::refused),
                    sum(steps, StepResult::delivered),
                    steps.stream().mapToDouble(StepResult::acceptedPerSecond).sum(),
                    steps.stream().mapToDouble(StepResult::deliveredPerSecond).sum(),
                    steps.stream().mapToDouble(StepResult::intakeP50Ms).max().orElse(0),
                    steps.stream().mapToDouble(StepResult::intakeP99Ms).max().orElse(0),
                    steps.stream().mapToDouble(StepResult::endToEndP50Ms).max().orElse(0),
                    steps.stream().mapToDouble(StepResult::endToEndP99Ms).max().orElse(0),
                    steps.stream().mapToDouble(StepResult::cpuCores).sum(),
                    steps.stream().map(StepResult::firstError).filter(e -> e != null).findFirst().orElse(null));
        }

        private static long sum(List<StepResult> steps, java.util.function.ToLongFunction<StepResult> figure) {
            return steps.stream().mapToLong(figure).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = GatewayBench.options(args);
        if (!SharedPostgres.reachable()) {
            throw new IllegalStateException("No PostgreSQL at " + SharedPostgres.URL + " (bench/scale-out.sh starts one)");
        }
        List<Integer> instanceCounts = GatewayLoad.concurrencies(options.getOrDefault("instances", "1,2"));
        List<Integer> concurrencies = GatewayLoad.concurrencies(options.getOrDefault("concurrency", "8,32"));
        Duration duration = GatewayBench.seconds(options, "duration", 20);
        Duration warmUp = GatewayBench.seconds(options, "warmup", 10);
        Duration drain = GatewayBench.seconds(options, "drain", 120);
        String level = options.getOrDefault("validation", "structural");
        List<String> jvm = GatewayBench.gatewayJvm(options, "-Xmx1g");
        String stamp = GatewayBench.stamp();
        Path work = Path.of(options.getOrDefault("work", "target/bench/scale-out-" + stamp));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        MessageFeed feed = new MessageFeed(options.containsKey("examples") ? Path.of(options.get("examples")) : Examples.DIR);

        List<ScaleStep> steps = new ArrayList<>();
        try (MunicipalReceiver receiver = new MunicipalReceiver(feed, true);
             ArtemisBroker broker = new ArtemisBroker(work.resolve("artemis")).start(Duration.ofSeconds(90))) {
            for (int instances : instanceCounts) {
                steps.addAll(instances(instances, work.resolve(instances + "-instances"), level, jvm, broker, feed, receiver,
                        concurrencies, duration, warmUp, drain));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", stamp);
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("validation", level);
        report.put("gatewayJvm", String.join(" ", jvm));
        report.put("durationSeconds", duration.toSeconds());
        report.put("steps", steps);
        Files.createDirectories(out);
        Path file = out.resolve("scale-out-" + stamp + ".json");
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.print(table(steps));
        System.out.println("report: " + file);
        System.exit(0);
    }

    /** {@code count} instances on the broker and a fresh database schema, driven at each concurrency. */
    private static List<ScaleStep> instances(int count, Path work, String level, List<String> jvm, ArtemisBroker broker, MessageFeed feed,
                                             MunicipalReceiver receiver, List<Integer> concurrencies, Duration duration,
                                             Duration warmUp, Duration drain) throws Exception {
        Files.createDirectories(work);
        String password = UUID.randomUUID().toString();
        Path partners = Files.writeString(work.resolve("partners.yaml"), GatewayBench.partnersYaml(receiver, level));
        Path users = Files.writeString(work.resolve("users.yaml"), GatewayBench.usersYaml(password));
        List<ScaleStep> steps = new ArrayList<>();
        List<GatewayProcess> gateways = new ArrayList<>();
        ExecutorService loads = Executors.newFixedThreadPool(count);
        try (SharedPostgres database = new SharedPostgres()) {
            List<String> arguments = new ArrayList<>(database.gatewayArguments());
            arguments.addAll(List.of("--gateway.partners-file=" + partners.toAbsolutePath(), "--gateway.users-file=" + users.toAbsolutePath(),
                    "--gateway.privacy.cpr-hash-key=bench-key-of-the-region",
                    "--spring.artemis.mode=native", "--spring.artemis.embedded.enabled=false",
                    "--spring.artemis.broker-url=" + broker.url(),
                    "--spring.artemis.user=" + ArtemisBroker.USER, "--spring.artemis.password=" + ArtemisBroker.PASSWORD));
            for (int i = 0; i < count; i++) {
                GatewayProcess gateway = new GatewayProcess(work.resolve("gateway-" + i), arguments, jvm);
                gateways.add(gateway);
                gateway.start(Duration.ofMinutes(5));
            }
            List<GatewayLoad> perInstance = gateways.stream()
                    .map(g -> new GatewayLoad(g.url("/fhir/$process-message"), GatewayBench.SENDER, password, feed, receiver)).toList();
            if (!warmUp.isZero()) {
                step(count, concurrencies.get(0), level, warmUp, drain, gateways, perInstance, loads, password);
            }
            for (int concurrency : concurrencies) {
                ScaleStep step = step(count, concurrency, level, duration, drain, gateways, perInstance, loads, password);
                System.out.print(table(List.of(step)));
                steps.add(step);
            }
        } finally {
            loads.shutdownNow();
            gateways.forEach(GatewayProcess::stop);
        }
        return steps;
    }

    /** All instances loaded at once, each by its share of the senders. */
    private static ScaleStep step(int count, int concurrency, String level, Duration duration, Duration drain, List<GatewayProcess> gateways,
                                  List<GatewayLoad> perInstance, ExecutorService loads, String password) throws Exception {
        List<Future<StepResult>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GatewayProcess gateway = gateways.get(i);
            GatewayLoad load = perInstance.get(i);
            int share = Math.max(1, concurrency / count);
            running.add(loads.submit(() -> {
                try (HeapSampler heap = HeapSampler.prometheus(gateway.url("/actuator/prometheus"), GatewayBench.OPS, password)) {
                    return load.run(level, share, duration, Long.MAX_VALUE, drain, () -> ProcessCpu.seconds(gateway.pid()), heap);
                }
            }));
        }
        List<StepResult> results = new ArrayList<>();
        for (Future<StepResult> result : running) {
            results.add(result.get());
        }
        return ScaleStep.of(count, concurrency, results);
    }

    static String table(List<ScaleStep> steps) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%9s %4s %8s %7s %8s %8s %7s %7s %7s %7s %6s%n",
                "instances", "conc", "accepted", "refused", "acc/s", "deliv/s", "in p50", "in p99", "e2e p50", "e2e p99", "cores"));
        for (ScaleStep s : steps) {
            table.append(String.format(Locale.ROOT, "%9d %4d %8d %7d %8.1f %8.1f %7.1f %7.1f %7.1f %7.1f %6.2f%n", s.instances(), s.concurrency(),
                    s.accepted(), s.refused(), s.acceptedPerSecond(), s.deliveredPerSecond(), s.worstIntakeP50Ms(), s.worstIntakeP99Ms(),
                    s.worstEndToEndP50Ms(), s.worstEndToEndP99Ms(), s.cpuCores()));
            if (s.firstError() != null) {
                table.append("  first refusal: ").append(s.firstError()).append('\n');
            }
        }
        return table.toString();
    }
}
