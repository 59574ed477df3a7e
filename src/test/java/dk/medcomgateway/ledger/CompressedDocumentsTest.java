package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.LedgerDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger keeps bodies, copies and acknowledgements gzip-compressed, hands them back as they were given, and still
 * reads the rows an older gateway wrote uncompressed.
 */
class CompressedDocumentsTest {

    private static final String MESSAGE_HEADER_ID = "mh-compressed";

    private JdbcTemplate jdbc;
    private MessageLedger messages;
    private DeliveryLedger deliveries;
    private byte[] body;

    @BeforeEach
    void ledger(@TempDir Path dir) {
        jdbc = new JdbcTemplate(LedgerDatabase.migrated(dir));
        messages = new MessageLedger(jdbc);
        deliveries = new DeliveryLedger(jdbc, messages);
        body = Examples.read("Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodiesCopiesAndAcknowledgementsAreStoredAsGzipAndReadBackAsGiven() throws IOException {
        long id = arrived(body);
        byte[] ack = "{\"resourceType\":\"Bundle\",\"note\":\"the gateway's ok\"}".getBytes(StandardCharsets.UTF_8);
        byte[] receiverAck = "{\"resourceType\":\"Bundle\",\"note\":\"the receiver's ok\"}".getBytes(StandardCharsets.UTF_8);
        DeliveryLedger.Dispatch first = deliveries.accept(id, MESSAGE_HEADER_ID, "b-1", "application/fhir+json", body, null,
                List.of(LedgerTestPartners.fileDrop("herlev")), ack).get(0);
        byte[] resendBody = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        DeliveryLedger.Dispatch resent = deliveries.resend(first.deliveryId(), "b-2", resendBody, "no answer");
        messages.storeReceiverAck(id, "herlev", "ok", "application/fhir+json", receiverAck);

        byte[] storedBody = column("SELECT payload FROM message_body WHERE message_id = ?", id);
        assertThat(StoredDocuments.isPacked(storedBody)).isTrue();
        assertThat(storedBody.length).isLessThan(body.length / 3);
        assertThat(gunzip(storedBody)).isEqualTo(body);
        assertThat(gunzip(column("SELECT payload FROM dispatch_body WHERE dispatch_id = ?", resent.id()))).isEqualTo(resendBody);
        assertThat(gunzip(column("SELECT payload FROM ack_sent WHERE message_id = ?", id))).isEqualTo(ack);
        assertThat(gunzip(column("SELECT payload FROM receiver_ack WHERE message_id = ?", id))).isEqualTo(receiverAck);

        assertThat(messages.message(id).orElseThrow().payload()).isEqualTo(body);
        assertThat(deliveries.dispatch(first.id()).orElseThrow().payload()).isEqualTo(body);
        assertThat(deliveries.dispatch(resent.id()).orElseThrow().payload()).isEqualTo(resendBody);
        assertThat(messages.storedAck(MESSAGE_HEADER_ID).orElseThrow().payload()).isEqualTo(ack);
        assertThat(messages.ackDocuments(MESSAGE_HEADER_ID)).extracting(MessageLedger.AckDocument::body)
                .containsExactly(new String(ack, StandardCharsets.UTF_8), new String(receiverAck, StandardCharsets.UTF_8));
        assertThat(new LedgerPruning(jdbc).body(id)).contains(body);
    }

    @Test
    void rowsWrittenUncompressedByAnOlderGatewayAreReadAsTheyAre() {
        long id = arrived(body);
        jdbc.update("UPDATE message_body SET payload = ? WHERE message_id = ?", body, id);

        assertThat(messages.message(id).orElseThrow().payload()).isEqualTo(body);
        assertThat(new LedgerPruning(jdbc).body(id)).contains(body);
    }

    @Test
    void aBodyThatIsItselfGzipComesBackAsTheSameGzip() {
        byte[] gzipped = StoredDocuments.pack(body);
        long id = arrived(gzipped);

        assertThat(messages.message(id).orElseThrow().payload()).isEqualTo(gzipped);
    }

    private long arrived(byte[] payload) {
        return messages.recordArrival(new MessageLedger.Arrival(MESSAGE_HEADER_ID, "b-1", "hospital-notification",
                "stin", "herlev", null, "http", "application/fhir+json", payload));
    }

    private byte[] column(String sql, Object key) {
        return jdbc.queryForObject(sql, byte[].class, key);
    }

    private static byte[] gunzip(byte[] stored) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }
}
