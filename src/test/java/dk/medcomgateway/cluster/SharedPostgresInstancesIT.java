package dk.medcomgateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateway processes on one real PostgreSQL (each with its own embedded broker): the
 * Flyway migrations run on PostgreSQL, a duplicate is caught whichever instance receives it, and
 * the acknowledgement-timeout timer does its work once across both. Needs PostgreSQL at
 * {@code gateway.test.postgres-url} (default: the cluster {@code .ci/postgres.sh} starts); skipped
 * when none answers there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedPostgresInstancesIT {

    private static final String URL = System.getProperty("gateway.test.postgres-url", "jdbc:postgresql://127.0.0.1:55432/gateway");
    private static final String USER = System.getProperty("gateway.test.postgres-user", "gateway");
    private static final String PASSWORD = System.getProperty("gateway.test.postgres-password", "gateway");
    private static final String RECEIVER_SOR = "953741000016009";
    private static final int MAX_RESENDS = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private final String schema = "scaleout_it_" + System.currentTimeMillis();
    private TestReceiver receiver;
    private GatewayProcess first;
    private GatewayProcess second;

    @BeforeAll
    void startTwoInstancesOnOneDatabase() throws Exception {
        Assumptions.assumeTrue(reachable(), "No PostgreSQL at " + URL + " (start one with .ci/postgres.sh); skipping");
        sql("CREATE SCHEMA " + schema);
        receiver = new TestReceiver();
        Path partners = work.resolve("partners.yaml");
        Files.writeString(partners, """
                partners:
                  - name: Plejecenter Herlev
                    sor: "%s"
                    delivery:
                      url: %s
                """.formatted(RECEIVER_SOR, receiver.url("/herlev")));
        first = instance("a", partners).start(Duration.ofSeconds(120));
        second = instance("b", partners).start(Duration.ofSeconds(120));
    }

    @AfterAll
    void stopAll() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, receiver}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (receiver != null) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void every_migration_runs_on_postgresql() throws Exception {
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .isEqualTo(migrations);
    }

    @Test
    void duplicate_sent_to_the_other_instance_is_answered_as_duplicate_and_timers_resend_once_across_both() throws Exception {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        assertThat(post(first, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.containing(headerId).size() >= 1);

        // The sender tries the other instance with the same MessageHeader.id (a new Bundle.id).
        assertThat(post(second, Examples.newBundleId(stin)).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        assertThat(count("SELECT count(*) FROM message WHERE message_header_id = ?", headerId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ? AND e.step = 'duplicate'", headerId)).isEqualTo(1);

        // The receiver never acknowledges: the first copy and MAX_RESENDS resends, then one support case,
        // although both instances' acknowledgement-timeout timers tick every second.
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM support_case c JOIN message m"
                + " ON m.id = c.message_id WHERE m.message_header_id = ? AND c.kind = 'no-acknowledgement'", headerId) >= 1);
        Thread.sleep(5000);
        assertThat(receiver.containing(headerId)).hasSize(1 + MAX_RESENDS);
        assertThat(count("SELECT count(*) FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = 'no-acknowledgement'", headerId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM shedlock WHERE name = 'ack-timeout'")).isEqualTo(1);
    }

    private GatewayProcess instance(String name, Path partners) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD,
                "--gateway.partners-file=" + partners,
                // One key for the cluster: the patient hashes in the shared ledger must agree.
                "--gateway.privacy.cpr-hash-key=shared-test-key-of-the-region",
                "--gateway.acknowledgement.timeout-ms=3000",
                "--gateway.acknowledgement.max-resends=" + MAX_RESENDS,
                "--gateway.acknowledgement.check-interval-ms=1000",
                "--gateway.outage.detection.probe-interval=1s"));
        return new GatewayProcess(work.resolve(name), arguments, List.of("-Xmx1g"));
    }

    private HttpResponse<String> post(GatewayProcess gateway, String json) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("regional-engine:engine-demo".getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/fhir/$process-message")))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = connection.createStatement()) {
            st.execute(statement);
        }
    }

    private long count(String query, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.setSchema(schema);
            try (PreparedStatement st = connection.prepareStatement(query)) {
                for (int i = 0; i < parameters.length; i++) {
                    st.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = st.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }
}
