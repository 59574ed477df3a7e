package dk.medcomgateway.metrics;

import dk.medcomgateway.config.GatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How full the disk of the data dir is ({@code gateway_data_disk_used_ratio}) and how large the ledger is
 * ({@code gateway_ledger_size_bytes}): the embedded H2 file, or the PostgreSQL database's
 * {@code pg_database_size}. When the data dir's disk is full, messages are answered transient-error and the
 * embedded broker may stop, so operators are warned well before. Each value is read at most once per
 * {@code gateway.metrics.storage-cache-for}; one that cannot be read is NaN (never an error in the scrape).
 */
@Component
public class StorageMetrics {

    public static final String DATA_DISK_USED = "gateway.data.disk.used.ratio";
    public static final String LEDGER_SIZE = "gateway.ledger.size";

    private static final Logger log = LoggerFactory.getLogger(StorageMetrics.class);

    /** Where the ledger's size is read from, decided by the datasource URL. */
    sealed interface LedgerSource permits H2File, Postgres {
    }

    /** The H2 ledger's file ({@code jdbc:h2:file:PATH} keeps its data in {@code PATH.mv.db}). */
    record H2File(Path file) implements LedgerSource {
    }

    record Postgres() implements LedgerSource {
    }

    public StorageMetrics(MeterRegistry registry, GatewayProperties gateway, MetricsProperties properties,
                          JdbcTemplate jdbc, @Value("${spring.datasource.url:}") String datasourceUrl) {
        Path dataDir = gateway.dataDir().toAbsolutePath().normalize();
        Duration cacheFor = properties.storageCacheFor();
        // Held strongly: a gauge keeps only a weak reference to what it reads, and reads NaN once that is collected.
        Gauge.builder(DATA_DISK_USED, new Cached(cacheFor, () -> diskUsedRatio(dataDir)), Cached::value)
                .description("Share of the data dir's file system in use (0-1); at 1 messages are answered transient-error")
                .strongReference(true)
                .register(registry);
        ledgerSource(datasourceUrl).ifPresent(source -> Gauge.builder(LEDGER_SIZE,
                        new Cached(cacheFor, () -> ledgerSize(source, jdbc)), Cached::value)
                .description("Size of the ledger: the H2 database file, or PostgreSQL's pg_database_size")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry));
    }

    /** H2 with a file, PostgreSQL, or nothing (an in-memory or other database has no size the gateway can read). */
    static Optional<LedgerSource> ledgerSource(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length());
            int parameters = path.indexOf(';');
            return Optional.of(new H2File(Path.of((parameters < 0 ? path : path.substring(0, parameters)) + ".mv.db")));
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Optional.of(new Postgres());
        }
        return Optional.empty();
    }

    static double diskUsedRatio(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            long total = store.getTotalSpace();
            return total <= 0 ? Double.NaN : (double) (total - store.getUsableSpace()) / total;
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot read the disk usage of {}", dir, e);
            return Double.NaN;
        }
    }

    static double ledgerSize(LedgerSource source, JdbcTemplate jdbc) {
        try {
            if (source instanceof H2File h2) {
                return Files.size(h2.file());
            }
            Long size = jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
            return size == null ? Double.NaN : size;
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot read the ledger's size", e);
            return Double.NaN;
        }
    }

    /** A value read at most once per period: a scrape reads every gauge, and a database size is not free. */
    static final class Cached {
        private final Duration cacheFor;
        private final DoubleSupplier read;
        private Instant readAt;
        private double value;

        Cached(Duration cacheFor, DoubleSupplier read) {
            this.cacheFor = cacheFor;
            this.read = read;
        }

        synchronized double value() {
            Instant now = Instant.now();
            if (readAt == null || !now.isBefore(readAt.plus(cacheFor))) {
                value = read.getAsDouble();
                readAt = now;
            }
            return value;
        }
    }
}
