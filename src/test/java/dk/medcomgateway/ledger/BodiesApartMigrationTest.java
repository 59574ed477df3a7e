package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.LedgerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** A ledger written before V12 keeps every message's and every copy's body when it moves them to tables of their own. */
class BodiesApartMigrationTest {

    @Test
    void bodiesWrittenBeforeTheMoveAreKept(@TempDir Path dir) {
        JdbcTemplate jdbc = new JdbcTemplate(LedgerDatabase.migrated(dir, MigrationVersion.fromVersion("11")));
        jdbc.update("INSERT INTO message (id, message_header_id, channel, content_type, payload, status, received_at, updated_at)"
                + " VALUES (1, 'mh-1', 'http', 'application/fhir+json', ?, 'ACCEPTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                bytes("message one"));
        jdbc.update("INSERT INTO message (id, channel, status, received_at, updated_at)"
                + " VALUES (2, 'http', 'REFUSED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO delivery (id, message_id, partner_id, status, resend_count, updated_at)"
                + " VALUES ('d-1', 1, 'p', 'QUEUED', 1, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO dispatch (id, delivery_id, bundle_id, status, payload, created_at)"
                + " VALUES ('c-1', 'd-1', 'b-1', 'TRANSFERRED', ?, CURRENT_TIMESTAMP)", bytes("first copy"));
        jdbc.update("INSERT INTO dispatch (id, delivery_id, bundle_id, status, payload, created_at)"
                + " VALUES ('c-2', 'd-1', 'b-2', 'QUEUED', ?, CURRENT_TIMESTAMP)", bytes("resent copy"));

        LedgerDatabase.migrated(dir);

        assertThat(jdbc.queryForList("SELECT message_id FROM message_body", Long.class)).containsExactly(1L);
        assertThat(text(jdbc.queryForObject("SELECT payload FROM message_body WHERE message_id = 1", byte[].class)))
                .isEqualTo("message one");
        assertThat(jdbc.queryForList("SELECT dispatch_id FROM dispatch_body ORDER BY dispatch_id", String.class))
                .containsExactly("c-1", "c-2");
        assertThat(text(jdbc.queryForObject("SELECT payload FROM dispatch_body WHERE dispatch_id = 'c-2'", byte[].class)))
                .isEqualTo("resent copy");
        List<String> messageColumns = jdbc.queryForList("SELECT LOWER(column_name) FROM information_schema.columns"
                + " WHERE LOWER(table_name) IN ('message', 'dispatch')", String.class);
        assertThat(messageColumns).doesNotContain("payload");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
