package dk.medcomgateway.bench;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.routing.Partner;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger writes the intake does for one accepted message with one receiver: recordReceived
 * (its own transaction) and then accept (deliveries, dispatch, status, ok acknowledgement; one
 * transaction), as the gateway's @Transactional methods do. Embedded H2 file database in a temp
 * directory, schema by the project's Flyway migrations, no Spring context. Connections come from a
 * Hikari pool over H2's JdbcDataSource, as in the gateway (Spring Boot's default pool), so that
 * opening H2 sessions is not measured. Each operation is a new MessageHeader.id and Bundle.id,
 * and the tables grow during the run as they do in service.
 */
public class LedgerBenchmark extends GatewayBenchmark {

    private BenchLedger ledger;
    private TransactionTemplate tx;
    private MessageLedger messages;
    private DeliveryLedger deliveries;
    private byte[] body;
    private Bundle bundle;
    private byte[] ack;
    private List<Partner> receivers;

    @Setup
    public void setUp() throws IOException {
        ledger = new BenchLedger("medcom-bench-ledger");
        JdbcTemplate jdbc = new JdbcTemplate(ledger.pool);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ledger.pool));
        messages = new MessageLedger(jdbc);
        deliveries = new DeliveryLedger(jdbc, messages);

        FhirCodec codec = new FhirCodec();
        body = Examples.read(Examples.STIN + ".json");
        bundle = (Bundle) codec.parse(body, FhirFormat.JSON);
        ack = codec.encode(new AcknowledgementFactory().acknowledge(bundle, AckCode.OK, List.of()), FhirFormat.JSON);
        receivers = List.of(new Partner("Herlev Plejecenter", "953741000016009", null,
                new Partner.Delivery(null, null, "data/outbox/herlev-plejecenter"), null, null, null));
    }

    @TearDown
    public void tearDown() throws IOException {
        ledger.close();
    }

    @Benchmark
    public Object recordReceivedAndAccept() {
        String headerId = UUID.randomUUID().toString();
        String bundleId = UUID.randomUUID().toString();
        IncomingMessage message = new IncomingMessage("http", FhirFormat.JSON, body, bundle, headerId, bundleId,
                "hospital-notification-message", "Hvidovre Hospital (SOR 1234567890)", "953741000016009",
                "3f1c2b0a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807f6e5d4c3b2a19080");
        long messageId = tx.execute(status -> messages.recordReceived(message));
        return tx.execute(status -> deliveries.accept(messageId, headerId, bundleId, FhirFormat.JSON.mediaType(), body,
                null, receivers, ack));
    }
}
