package dk.medcomgateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An embedded H2 ledger in a temp directory for the ledger benchmarks: the gateway's URL settings
 * (application.yaml), its Flyway schema, and a Hikari pool over it as in the gateway, so that opening
 * H2 sessions is not measured.
 */
final class BenchLedger implements AutoCloseable {

    final Path dir;
    final HikariDataSource pool;

    BenchLedger(String name) throws IOException {
        dir = Files.createTempDirectory(name);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
        h2.setUser("sa");
        h2.setPassword("");
        pool = new HikariDataSource();
        pool.setDataSource(h2);
        pool.setMaximumPoolSize(2);
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    @Override
    public void close() throws IOException {
        pool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
