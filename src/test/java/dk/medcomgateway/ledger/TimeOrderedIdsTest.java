package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.LedgerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Delivery and copy rows get version-7 UUIDs, so rows made one after another sit together in the ledger's tables. */
class TimeOrderedIdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheTimeTheyWereMade() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(TimeOrderedIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsAreUniqueAndThoseOfLaterMillisecondsSortAfter() throws InterruptedException {
        Set<String> seen = new HashSet<>();
        String previous = TimeOrderedIds.next();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(2);
            String next = TimeOrderedIds.next();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(TimeOrderedIds.next())).isTrue();
        }
    }

    @Test
    void theLedgersDeliveriesAndCopiesSortInTheOrderTheyWereMade(@TempDir Path dir) throws InterruptedException {
        JdbcTemplate jdbc = new JdbcTemplate(LedgerDatabase.migrated(dir));
        MessageLedger messages = new MessageLedger(jdbc);
        DeliveryLedger deliveries = new DeliveryLedger(jdbc, messages);
        byte[] body = "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8);
        List<Long> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long id = messages.recordArrival(new MessageLedger.Arrival("mh-" + i, "b-" + i, "hospital-notification", "stin", "herlev",
                    null, "http", "application/fhir+json", body));
            deliveries.accept(id, "mh-" + i, "b-" + i, "application/fhir+json", body, null, List.of(LedgerTestPartners.fileDrop("herlev")),
                    body);
            accepted.add(id);
            Thread.sleep(2);
        }

        assertThat(jdbc.queryForList("SELECT message_id FROM delivery ORDER BY id", Long.class)).isEqualTo(accepted);
        assertThat(jdbc.queryForList("SELECT dl.message_id FROM dispatch d JOIN delivery dl ON dl.id = d.delivery_id ORDER BY d.id",
                Long.class)).isEqualTo(accepted);
    }
}
