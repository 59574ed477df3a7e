package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.LedgerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** A first copy is read from the message's own body; only a copy that differs (a resend, a support copy) stores one. */
class CopyBodiesTest {

    private static final byte[] BODY = "the message as received".getBytes(StandardCharsets.UTF_8);

    private JdbcTemplate jdbc;
    private MessageLedger messages;
    private DeliveryLedger deliveries;

    @BeforeEach
    void ledger(@TempDir Path dir) {
        jdbc = new JdbcTemplate(LedgerDatabase.migrated(dir));
        messages = new MessageLedger(jdbc);
        deliveries = new DeliveryLedger(jdbc, messages);
    }

    @Test
    void firstCopiesAreTheMessageBodyStoredOnce() {
        long id = arrived("mh-1");
        List<DeliveryLedger.Dispatch> copies = deliveries.accept(id, "mh-1", "b-1", "application/fhir+json", BODY, null,
                List.of(LedgerTestPartners.fileDrop("herlev"), LedgerTestPartners.fileDrop("gentofte")), bytes("ok"));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispatch_body", Integer.class)).isZero();
        for (DeliveryLedger.Dispatch copy : copies) {
            assertThat(deliveries.dispatch(copy.id()).orElseThrow().payload()).isEqualTo(BODY);
        }
        assertThat(deliveries.unqueuedBefore(OffsetDateTime.now().plusMinutes(1)))
                .extracting(DeliveryLedger.Dispatch::payload).containsExactly(BODY, BODY);
    }

    @Test
    void aResendKeepsItsOwnBodyBesideTheFirstCopy() {
        long id = arrived("mh-2");
        DeliveryLedger.Dispatch first = deliveries.accept(id, "mh-2", "b-2", "application/fhir+json", BODY, null,
                List.of(LedgerTestPartners.fileDrop("herlev")), bytes("ok")).get(0);
        DeliveryLedger.Dispatch resent = deliveries.resend(first.deliveryId(), "b-3", bytes("with Bundle.id b-3"), "no answer");
        DeliveryLedger.Dispatch added = deliveries.addDelivery(messages.message(id).orElseThrow(), "gentofte", "b-4",
                bytes("with Bundle.id b-4"), "misaddressed");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dispatch_body", Integer.class)).isEqualTo(2);
        assertThat(deliveries.dispatch(first.id()).orElseThrow().payload()).isEqualTo(BODY);
        assertThat(text(deliveries.dispatch(resent.id()).orElseThrow().payload())).isEqualTo("with Bundle.id b-3");
        assertThat(text(deliveries.dispatch(added.id()).orElseThrow().payload())).isEqualTo("with Bundle.id b-4");
    }

    private long arrived(String messageHeaderId) {
        return messages.recordArrival(new MessageLedger.Arrival(messageHeaderId, "b-" + messageHeaderId, "hospital-notification",
                "stin", "herlev", null, "http", "application/fhir+json", BODY));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
