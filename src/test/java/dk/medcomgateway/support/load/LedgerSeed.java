package dk.medcomgateway.support.load;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.delivery.ReceiverAcks;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.intake.IncomingMessageReader;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.EmbeddedLedgerCompaction;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Fills a gateway's embedded ledger, before the gateway starts, with messages that went the whole way: received, accepted
 * with the gateway's ok, queued, handed over and answered ok by the receiver. It writes them with the gateway's own
 * ledger classes and Camel's duplicate store, as the routes do, so the tables and indexes are those of a gateway that
 * carried that traffic; what it leaves out is HTTP, validation and the broker, which at about 10 ms of CPU per message
 * would take hours for a million. Each example's facts (sender, receivers, event) are read once by the gateway's
 * {@link IncomingMessageReader}; each copy gets its ids and its patient from the {@link MessageFeed}.
 */
final class LedgerSeed {

    /** Messages per transaction: large enough that a commit's chunk write is spread over many messages. */
    private static final int BATCH = 200;
    /** The seed stops when the disk has less than this left, rather than fill it. */
    private static final long DISK_RESERVE = 8L << 30;

    /** What was written: the count and a sample of MessageHeader.ids to search for. */
    record Seeded(long messages, List<String> sampleIds, double seconds, long ledgerBytes) {
    }

    private LedgerSeed() {
    }

    /**
     * Writes {@code count} messages into the ledger under {@code dataDir}, as the gateway started with these
     * settings would find it ({@code gateway.partners-file}, {@code gateway.privacy.cpr-hash-key}).
     */
    static Seeded fill(Path dataDir, Map<String, String> settings, MessageFeed feed, long count) throws Exception {
        long start = System.nanoTime();
        StandardEnvironment gateway = gatewaySettings(dataDir, settings);
        GatewayProperties properties = Binder.get(gateway).bindOrCreate("gateway", GatewayProperties.class);
        PartnerDirectory partners = new PartnerDirectory(properties);
        PatientPseudonymizer pseudonymizer = new PatientPseudonymizer(properties);
        FhirCodec codec = new FhirCodec();
        IncomingMessageReader reader = new IncomingMessageReader(codec, pseudonymizer, properties);
        List<IncomingMessage> examples = new ArrayList<>();
        for (int i = 0; i < feed.examples(); i++) {
            examples.add(reader.read("http", "application/fhir+json", feed.example(i)));
        }
        Path db = Files.createDirectories(dataDir.resolve("db"));
        // The gateway's own URL, so that its settings apply to what is written here.
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(gateway.getRequiredProperty("spring.datasource.url"),
                gateway.getProperty("spring.datasource.username"), gateway.getProperty("spring.datasource.password"), true);
        List<String> sample = new ArrayList<>();
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            MessageLedger messages = new MessageLedger(jdbc);
            DeliveryLedger deliveries = new DeliveryLedger(jdbc, messages);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            // The receiver's answer as the gateway records it; the delivery-status reporter is only for answers read from a Bundle.
            ReceiverAcks answers = new ReceiverAcks(messages, deliveries, new SupportCases(jdbc, messages), partners,
                    null, transaction);
            // The gateway's compaction with its settings (config/gateway.yaml), run between batches as the gateway runs it between commits.
            Binder settingsOf = Binder.get(gateway);
            EmbeddedLedgerCompaction compaction = new EmbeddedLedgerCompaction(dataSource,
                    settingsOf.bind("gateway.ledger.compaction.target-fill-rate", Integer.class).get(),
                    settingsOf.bind("gateway.ledger.compaction.write-limit", DataSize.class).get());
            long written = 0;
            while (written < count && Files.getFileStore(db).getUsableSpace() > DISK_RESERVE) {
                int batch = (int) Math.min(BATCH, count - written);
                transaction.executeWithoutResult(tx -> {
                    for (int i = 0; i < batch; i++) {
                        MessageFeed.Message message = feed.next();
                        IncomingMessage example = examples.get(message.example());
                        IncomingMessage copy = new IncomingMessage(example.channel(), example.format(), message.body(), null,
                                message.headerId(), message.bundleId(), example.eventCode(), example.sender(), example.receivers(),
                                pseudonymizer.hash(message.patient()));
                        // The example's ok acknowledgement with this message's ids: it stands for the gateway's and the
                        // receiver's, which have that size and shape.
                        carry(copy, receivers(partners, copy), feed.ackFor(message.headerId()).getBytes(StandardCharsets.UTF_8),
                                messages, deliveries, answers);
                        // About one in a hundred, spread over the whole seed, for the searches at the end.
                        if (sample.size() < 10_000 && message.headerId().hashCode() % 97 == 0) {
                            sample.add(message.headerId());
                        }
                    }
                });
                written += batch;
                compaction.compact();
                if (written % 50_000 == 0) {
                    System.out.printf("seeded %d messages in %.0f s%n", written, (System.nanoTime() - start) / 1e9);
                }
            }
            return new Seeded(written, sample, (System.nanoTime() - start) / 1e9, Files.size(db.resolve("ledger.mv.db")));
        } finally {
            dataSource.destroy();
        }
    }

    /** The settings the gateway would start with: these, then config/gateway.yaml, then its application.yaml. */
    private static StandardEnvironment gatewaySettings(Path dataDir, Map<String, String> settings) throws IOException {
        StandardEnvironment gateway = new StandardEnvironment();
        Map<String, Object> given = new HashMap<>(settings);
        given.put("gateway.data-dir", dataDir.toAbsolutePath().toString());
        gateway.getPropertySources().addFirst(new MapPropertySource("seed", given));
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        yaml.load("config", new FileSystemResource("config/gateway.yaml")).forEach(gateway.getPropertySources()::addLast);
        yaml.load("application", new ClassPathResource("application.yaml")).forEach(gateway.getPropertySources()::addLast);
        return gateway;
    }

    /** One message's life in the ledger, in the order and with the calls of the intake, delivery and receiver-ack routes. */
    private static void carry(IncomingMessage message, List<Partner> receivers, byte[] ack, MessageLedger messages,
                              DeliveryLedger deliveries, ReceiverAcks answers) {
        long id = messages.recordReceived(message);
        for (DeliveryLedger.Dispatch copy : deliveries.accept(id, message.messageHeaderId(), message.bundleId(),
                message.format().mediaType(), message.body(), message.patientHash(), receivers, ack)) {
            deliveries.markQueued(copy);
            deliveries.markTransferred(copy, "HTTP 200");
        }
        for (Partner receiver : receivers) {
            answers.recordAnswer(id, Optional.of(receiver.id()), AckCode.OK, "", "via http", message.format().mediaType(), ack);
        }
    }

    private static List<Partner> receivers(PartnerDirectory partners, IncomingMessage message) {
        return Arrays.stream(message.receivers().split(",")).map(partners::byCode).flatMap(Optional::stream).toList();
    }
}
