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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Artemis broker as an OS process, from the distribution Maven unpacks under
 * target/artemis-broker (pom.xml, pre-integration-test): an instance is created under the
 * test's directory with a user and a free port, started and stopped. Logs to {@code <dir>/broker.log}.
 */
public final class ArtemisBroker implements AutoCloseable {

    public static final String USER = "gateway";
    public static final String PASSWORD = "gateway-broker";
    private static final Path DISTRIBUTIONS = Path.of("target", "artemis-broker");

    private final Path instance;
    private final int port;
    private Process process;

    public ArtemisBroker(Path instance) {
        this.instance = instance;
        this.port = freePort();
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

    /** Creates the instance (first time only), starts it and waits until it takes connections. */
    public ArtemisBroker start(Duration within) throws IOException, InterruptedException {
        if (!Files.isDirectory(instance.resolve("bin"))) {
            run(List.of(home().resolve("bin/artemis").toAbsolutePath().toString(), "create", instance.toAbsolutePath().toString(),
                    "--silent", "--host", "127.0.0.1", "--user", USER, "--password", PASSWORD, "--require-login", "--default-port", String.valueOf(port),
                    "--no-web", "--no-autotune", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                    "--no-hornetq-acceptor"), instance.resolveSibling(instance.getFileName() + "-create.log"));
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
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("broker not listening within " + within + ", see " + instance);
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
