package dk.medcomgateway.support;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;

/** An embedded H2 ledger in a test's own directory, migrated by the gateway's Flyway scripts. */
public final class LedgerDatabase {

    private LedgerDatabase() {
    }

    /** A ledger at the latest schema. */
    public static JdbcDataSource migrated(Path dir) {
        return migrated(dir, MigrationVersion.LATEST);
    }

    /** A ledger at the given schema version (for a test of a later migration), or migrated on from it. */
    public static JdbcDataSource migrated(Path dir, MigrationVersion version) {
        return migrated(dir, version, "");
    }

    /** A ledger at the latest schema, opened with H2 settings (";WRITE_DELAY=0", ...). */
    public static JdbcDataSource migrated(Path dir, String settings) {
        return migrated(dir, MigrationVersion.LATEST, settings);
    }

    private static JdbcDataSource migrated(Path dir, MigrationVersion version, String settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + settings);
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target(version).load().migrate();
        return h2;
    }
}
