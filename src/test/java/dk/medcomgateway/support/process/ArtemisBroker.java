package dk.medcomgateway.support.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Artemis broker as an OS process, from the distribution Maven unpacks under
 * target/artemis-broker (pom.xml, pre-integration-test): an instance is created under the
 * test's directory with a user and a free port, started and stopped. Logs to {@code <dir>/broker.log}.
 * {@link #sharedStorePair} makes a live/backup pair on one journal directory: the backup holds
 * back until the live's file lock is gone (it died), then takes over the journal and its clients.
 */
public final class ArtemisBroker implements AutoCloseable {

    public static final String USER = "gateway";
    public static final String PASSWORD = "gateway-broker";
    private static final Path DISTRIBUTIONS = Path.of("target", "artemis-broker");

    private static final String CLUSTER_USER = "gateway-cluster";
    private static final String CLUSTER_PASSWORD = "gateway-cluster-secret";
    /** Logged by a shared-store backup once it has announced itself to the live broker. */
    private static final String BACKUP_ANNOUNCED = "AMQ221031";

    private final Path instance;
    private final int port;
    private final List<String> haOptions = new ArrayList<>();
    private boolean backup;
    private Process process;

    public ArtemisBroker(Path instance) {
        this.instance = instance;
        this.port = freePort();
    }

    /**
     * A live broker and its backup on one shared journal ({@code <dir>/shared}), each under a directory of
     * its own, each the other's static cluster peer. Start the live first, then the backup.
     */
    public static List<ArtemisBroker> sharedStorePair(Path dir) {
        ArtemisBroker live = new ArtemisBroker(dir.resolve("live"));
        ArtemisBroker backup = new ArtemisBroker(dir.resolve("backup"));
        backup.backup = true;
        String journal = dir.resolve("shared").toAbsolutePath().toString();
        for (ArtemisBroker broker : List.of(live, backup)) {
            ArtemisBroker peer = broker == live ? backup : live;
            broker.haOptions.addAll(List.of("--shared-store", "--clustered", "--data", journal,
                    "--static-cluster", peer.url(), "--cluster-user", CLUSTER_USER, "--cluster-password", CLUSTER_PASSWORD,
                    // a live stopped on purpose hands its clients to the backup too, not only a crashed one
                    "--failover-on-shutdown", "--name", broker.instance.getFileName().toString()));
        }
        backup.haOptions.add("--backup");
        return List.of(live, backup);
    }

    /** The client URL for a live/backup pair: the client follows the pair's topology and fails over. */
    public static String haUrl(List<ArtemisBroker> pair) {
        return "(" + String.join(",", pair.stream().map(ArtemisBroker::url).toList())
                + ")?ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000";
    }

    /** The unpacked distribution's home, or null when the build has not unpacked one. */
    public static Path home() {
        if (!Files.isDirectory(DISTRIBUTIONS)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(DISTRIBUTIONS)) {
            return homes.filter(home -> Files.isRegularFile(home.resolve("bin/artemis"))).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * Creates the instance (first time only), starts it and waits until it takes connections, or for a
     * backup, until it has announced itself to its live broker (it listens only once it takes over).
     */
    public ArtemisBroker start(Duration within) throws IOException, InterruptedException {
        if (!Files.isDirectory(instance.resolve("bin"))) {
            Files.createDirectories(instance.getParent());
            List<String> create = new ArrayList<>(List.of(home().resolve("bin/artemis").toAbsolutePath().toString(), "create",
                    instance.toAbsolutePath().toString(),
                    "--silent", "--host", "127.0.0.1", "--user", USER, "--password", PASSWORD, "--require-login", "--default-port", String.valueOf(port),
                    "--no-web", "--no-autotune", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                    "--no-hornetq-acceptor"));
            create.addAll(haOptions);
            run(create, instance.resolveSibling(instance.getFileName() + "-create.log"));
        }
        ProcessBuilder builder = new ProcessBuilder(instance.resolve("bin/artemis").toAbsolutePath().toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("broker.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + ", see " + instance);
            }
            if (backup ? Files.readString(instance.resolve("broker.log")).contains(BACKUP_ANNOUNCED) : listening()) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("broker not listening within " + within + ", see " + instance);
    }

    /** True once this broker accepts connections: for a backup, once it has taken over. */
    public boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL, as a crash or power loss would stop it: the journal's file lock goes with the process. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process create = builder.start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed, see " + log);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
