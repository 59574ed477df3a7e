package dk.medcomgateway.support.process;

import dk.medcomgateway.support.EnvelopeFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway (target/medcom-gateway.jar) as an OS process of its own, on embedded
 * defaults with its data under a directory of the test's: started, killed with SIGKILL and
 * restarted on the same data, as a crash would leave it. Each start logs to
 * {@code <work>/gateway-<n>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "medcom-gateway.jar");
    /** The jar extracted with its class-data-sharing archive, as run.sh starts it (docker/cds-train.sh). */
    private static final Path APP = Path.of("target", "app");
    private static final Path TEST_LOGS = Path.of("target", "test-logs");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * C1 only, for a gateway a test starts to check behaviour, never speed: such processes live for seconds to a
     * minute, and C2's compiling took 4 s of each 14 s start. The benchmarks, which measure the steady state, start
     * theirs with the JVM's defaults.
     */
    public static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";

    private final Path work;
    private final int port;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private Path jar = JAR;
    private Path directory;
    private Process process;
    private int starts;

    /**
     * @param work       the process's own directory: data dir and logs go under it
     * @param arguments  extra Spring arguments, e.g. {@code --gateway.partners-file=...}
     * @param jvmOptions extra JVM options, e.g. {@code -Xmx512m}
     */
    public GatewayProcess(Path work, List<String> arguments, List<String> jvmOptions) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: process tests run after `mvn package` (failsafe, *IT)");
        }
        this.work = work;
        this.port = freePort();
        this.arguments = List.copyOf(arguments);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The process tests' gateway: it delivers to one receiver, Plejecenter Herlev, at {@code receiverUrl}
     * (partners file written under {@code work}), probes a receiver that is down every second, and also
     * logs to {@code target/test-logs/<logName>.log}, where the CPR log scan (LogsHoldNoCprIT) reads it.
     */
    public static GatewayProcess deliveringTo(String receiverUrl, Path work, String logName, List<String> arguments) throws IOException {
        return deliveringTo(Map.of(EnvelopeFixtures.STIN_RECEIVER_SOR, receiverUrl), work, logName, arguments);
    }

    /** As {@link #deliveringTo(String, Path, String, List)}, to several receivers: SOR code to delivery URL. */
    public static GatewayProcess deliveringTo(Map<String, String> receiverUrls, Path work, String logName, List<String> arguments)
            throws IOException {
        Files.createDirectories(work);
        StringBuilder partnersYaml = new StringBuilder("partners:\n");
        receiverUrls.forEach((sor, url) -> partnersYaml.append("""
                  - name: Receiver %s
                    sor: "%s"
                    delivery:
                      url: %s
                """.formatted(sor, sor, url)));
        Path partners = Files.writeString(work.resolve("partners.yaml"), partnersYaml);
        List<String> all = new ArrayList<>(List.of("--gateway.partners-file=" + partners,
                "--gateway.outage.detection.probe-interval=1s",
                "--logging.file.name=" + TEST_LOGS.resolve(logName + ".log").toAbsolutePath()));
        all.addAll(arguments);
        return new GatewayProcess(work, all, List.of("-Xmx1g", SHORT_LIVED));
    }

    /**
     * Runs the jar as an operator who copied it somewhere would: copied alone into {@code directory} and started
     * there (its working directory, so {@code gateway.home}), with nothing of the repository (config/, routes/)
     * beside it. Without this the process runs in the test's working directory, the project root.
     */
    public GatewayProcess copiedInto(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.jar = Files.copy(JAR, directory.resolve(JAR.getFileName()));
        this.directory = directory;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Path dataDir() {
        return work.resolve("data");
    }

    /** Starts the gateway and waits until its health endpoint answers UP. */
    public GatewayProcess start(Duration healthyWithin) {
        launch();
        awaitHealthy(healthyWithin);
        return this;
    }

    /** Starts the gateway process and returns at once, for a test that watches the start-up itself. */
    public GatewayProcess launch() {
        if (isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseStringDeduplication"); // as run.sh starts it; the options given come after it and win
        command.addAll(jvmOptions);
        // The repository's jar starts as run.sh starts it: a quarter less CPU, and these tests start it often.
        Path launched = jar;
        if (jar.equals(JAR) && sharedClasses()) {
            command.add("-XX:SharedArchiveFile=" + APP.resolve("medcom-gateway.jsa").toAbsolutePath());
            launched = APP.resolve("medcom-gateway.jar");
        }
        command.addAll(List.of("-jar", launched.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir().toAbsolutePath()));
        command.addAll(arguments);
        try {
            Files.createDirectories(work);
            starts++;
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile().toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Makes target/app and its archive for the current jar once (docker/cds-train.sh, about half a minute);
     * false when that fails, and the process tests then start the jar itself.
     */
    private static synchronized boolean sharedClasses() {
        Path archive = APP.resolve("medcom-gateway.jsa");
        try {
            if (!Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
                Process training = new ProcessBuilder("bash", "docker/cds-train.sh", JAR.toString(), APP.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                if (!training.waitFor(5, TimeUnit.MINUTES)) {
                    training.destroyForcibly().waitFor();
                }
            }
            return Files.isRegularFile(archive) && Files.isRegularFile(APP.resolve("medcom-gateway.jar"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the last started process wrote to its output. */
    public String log() throws IOException {
        return Files.readString(logFile());
    }

    private Path logFile() {
        return work.resolve("gateway-" + starts + ".log");
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already durable. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM: the gateway shuts down gracefully. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    /**
     * SIGQUIT: the JVM prints every thread's stack to its output, so the gateway's log shows where a test found it
     * stuck. The process goes on running.
     */
    public void dumpThreads() {
        if (isAlive()) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                sleep(500); // the dump is written by the JVM, after the signal returns
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void awaitHealthy(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ", see " + work);
            }
            if (isHealthy()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("gateway not healthy within " + within + ", see " + work);
    }

    /** True when GET /actuator/health answers 200, the top-level status UP; false also while nothing listens. */
    public boolean isHealthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
