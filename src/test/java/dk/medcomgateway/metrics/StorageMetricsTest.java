package dk.medcomgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The data dir's disk usage and the ledger's size, for the disk alert and the dashboard. */
class StorageMetricsTest {

    @TempDir
    Path dataDir;

    private static MetricsProperties cachingFor(Duration duration) {
        return new MetricsProperties(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofDays(7), duration,
                Duration.ofSeconds(15));
    }

    private GatewayProperties gateway() {
        return new GatewayProperties(dataDir, null, null, null, null, null, null, null);
    }

    @Test
    void the_ledger_is_read_from_the_h2_file_the_datasource_url_names_or_from_postgresql() {
        assertThat(StorageMetrics.ledgerSource("jdbc:h2:file:/var/lib/gateway/db/ledger;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"))
                .contains(new StorageMetrics.H2File(Path.of("/var/lib/gateway/db/ledger.mv.db")));
        assertThat(StorageMetrics.ledgerSource("jdbc:h2:file:/tmp/x/ledger"))
                .contains(new StorageMetrics.H2File(Path.of("/tmp/x/ledger.mv.db")));
        assertThat(StorageMetrics.ledgerSource("jdbc:postgresql://db:5432/gateway")).contains(new StorageMetrics.Postgres());
        assertThat(StorageMetrics.ledgerSource("jdbc:h2:mem:test")).isEmpty();
        assertThat(StorageMetrics.ledgerSource("")).isEmpty();
    }

    @Test
    void the_gauges_show_the_disk_in_use_and_the_h2_files_size_and_are_read_at_most_once_per_period() throws Exception {
        Path ledger = Files.createDirectories(dataDir.resolve("db")).resolve("ledger.mv.db");
        Files.write(ledger, new byte[4096]);
        MeterRegistry registry = new SimpleMeterRegistry();
        new StorageMetrics(registry, gateway(), cachingFor(Duration.ofHours(1)), new JdbcTemplate(),
                "jdbc:h2:file:" + dataDir.resolve("db/ledger") + ";WRITE_DELAY=0");

        double used = registry.get(StorageMetrics.DATA_DISK_USED).gauge().value();
        assertThat(used).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().value()).isEqualTo(4096);
        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().getId().getBaseUnit()).isEqualTo("bytes");

        Files.write(ledger, new byte[8192]);
        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().value()).as("cached").isEqualTo(4096);

        System.gc();
        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().value()).as("still read after a GC").isEqualTo(4096);
        assertThat(registry.get(StorageMetrics.DATA_DISK_USED).gauge().value()).as("still read after a GC").isEqualTo(used);
    }

    @Test
    void on_postgresql_the_ledger_is_the_databases_size_and_a_failing_read_is_nan_not_an_error() {
        List<String> queries = new ArrayList<>();
        JdbcTemplate database = new JdbcTemplate() {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                queries.add(sql);
                if (queries.size() > 1) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("database gone");
                }
                return requiredType.cast(123_456_789L);
            }
        };
        MeterRegistry registry = new SimpleMeterRegistry();
        new StorageMetrics(registry, gateway(), cachingFor(Duration.ZERO), database, "jdbc:postgresql://db:5432/gateway");

        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().value()).isEqualTo(123_456_789);
        assertThat(queries).containsExactly("SELECT pg_database_size(current_database())");
        assertThat(registry.get(StorageMetrics.LEDGER_SIZE).gauge().value()).isNaN();
    }

    @Test
    void without_a_database_file_or_postgresql_there_is_no_ledger_gauge_but_the_disk_gauge_stays() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new StorageMetrics(registry, gateway(), cachingFor(Duration.ZERO), new JdbcTemplate(), "jdbc:h2:mem:test");

        assertThat(registry.find(StorageMetrics.LEDGER_SIZE).gauge()).isNull();
        assertThat(registry.get(StorageMetrics.DATA_DISK_USED).gauge().value()).isBetween(0.0, 1.0);
    }
}
