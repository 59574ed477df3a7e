package dk.medcomgateway.bench;

import dk.medcomgateway.supportdesk.MessageSearch;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The support desk's searches (MessageSearch, as GET /api/messages runs them) in a ledger of a million
 * messages: by MessageHeader.id and by patient (the CPR number's keyed hash). The ledger is filled
 * directly with SQL (a message and its delivery per row, 40 messages per patient, two receivers, a
 * 1 KB payload), because a million messages through the gateway take hours; the tables, indexes and
 * queries are the gateway's own. Embedded H2 file database, the gateway's URL settings, Flyway schema.
 */
public class LedgerSearchBenchmark extends GatewayBenchmark {

    @Param("1000000")
    public int messages;

    private BenchLedger ledger;
    private MessageSearch search;

    @Setup
    public void setUp() throws IOException {
        ledger = new BenchLedger("medcom-bench-search");
        JdbcTemplate jdbc = new JdbcTemplate(ledger.pool);
        long start = System.nanoTime();
        jdbc.update("""
                INSERT INTO message (id, message_header_id, bundle_id, event_code, sender, receivers, patient_hash, channel,
                                     content_type, status, received_at, updated_at)
                SELECT x, 'mh-' || x, 'b-' || x, CASE MOD(x, 2) WHEN 0 THEN 'hospital-notification-message'
                       ELSE 'care-communication-message' END, '1234567890', CASE MOD(x, 2) WHEN 0 THEN '953741000016009'
                       ELSE '265161000016000' END, 'patient-' || (x / 40), 'http', 'application/fhir+json',
                       'FINALISED',
                       TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + x * INTERVAL '2' SECOND,
                       TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + x * INTERVAL '2' SECOND
                FROM SYSTEM_RANGE(1, ?)""", messages);
        jdbc.update("INSERT INTO message_body (message_id, payload) SELECT id, CAST(REPEAT('x', 1024) AS VARBINARY) FROM message");
        jdbc.update("""
                INSERT INTO delivery (id, message_id, partner_id, status, resend_count, last_transfer_at, receiver_ack, updated_at)
                SELECT 'd-' || id, id, receivers, 'DELIVERED', 0, received_at, 'ok', updated_at FROM message""");
        System.out.printf("%n%d messages written in %d s%n", messages, (System.nanoTime() - start) / 1_000_000_000);
        search = new MessageSearch(jdbc);
    }

    @TearDown
    public void tearDown() throws IOException {
        ledger.close();
    }

    private int anyMessage() {
        return ThreadLocalRandom.current().nextInt(1, messages + 1);
    }

    @Benchmark
    public List<MessageSearch.Summary> byMessageHeaderId() {
        return search.find(new MessageSearch.Criteria("mh-" + anyMessage(), null, null, null, null, null, null, null, null, 100));
    }

    @Benchmark
    public List<MessageSearch.Summary> byPatient() {
        return search.find(new MessageSearch.Criteria(null, null, null, null, null, null, null, null,
                "patient-" + anyMessage() / 40, 100));
    }
}
