package dk.medcomgateway.support;

import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.springframework.beans.factory.annotation.Autowired;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole gateway on loopback: embedded Artemis and H2 in a fresh data dir, real HTTP intake,
 * and a real HTTP receiver that acts as the municipal systems of the partner directory. All
 * test classes extending this share one gateway, so each test uses fresh message ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GatewayTestBase.TestClock.class)
public abstract class GatewayTestBase {

    /** Partners with test behaviour, besides the organisations of MedCom's examples. */
    public static final String FLAKY_SOR = "100000000000001";
    public static final String SILENT_SOR = "100000000000003";
    public static final String QUEUE_SOR = "100000000000004";
    /** Answers HTTP 500 to everything: up, but rejecting each message (a poison-message receiver). */
    public static final String BROKEN_SOR = "100000000000005";
    /** For planned outages. */
    public static final String PLANNED_SOR = "100000000000006";
    /** Goes down with no notice (HTTP 503) in the detected-outage test. */
    public static final String GONE_SOR = "100000000000007";
    /** Takes every message but the one a test tells the receiver to reject (a poison message). */
    public static final String POISON_SOR = "100000000000009";
    /** For the planned outage registered on the operations page (PLANNED_SOR's test counts every message it gets). */
    public static final String MAINTENANCE_SOR = "100000000000008";
    /** Takes SBDH envelopes (delivery.envelope: sbdh) and answers each with its eDelivery receipt. */
    public static final String SBDH_SOR = "100000000000011";
    /** Takes SBDH envelopes but answers with an empty body: its receipts, if any, come later to /sbdh. */
    public static final String SBDH_LATE_SOR = "100000000000012";
    /** Takes VANS envelopes (delivery.envelope: vans). */
    public static final String VANS_SOR = "100000000000013";
    /** A receiver held and drained by PatientOrderTest alone. */
    public static final String ORDER_SOR = "100000000000014";
    /** The GLN of the municipal organisation in MedCom's STIN example, given to the envelope partners. */
    public static final String STIN_RECEIVER_GLN = "5790001348120";

    static {
        // Most waits are for a delivery that takes tens of milliseconds: poll from the start and often. With
        // Awaitility's defaults (first poll after 100 ms, then every 100 ms) the suite idled through them.
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    /** Outage mail goes to this in-process SMTP server. */
    protected static final GreenMail MAIL = startMail();
    /** The gateway's clock; outage tests move it forward. */
    protected static final MutableClock CLOCK = new MutableClock(ZoneId.of("Europe/Copenhagen"));

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    protected static final TestReceiver RECEIVER = startReceiver();
    /** The EHMI Delivery Status service: a FHIR server on loopback taking the gateway's AuditEvents. */
    protected static final TestReceiver EDS_SERVICE = startEdsService();
    protected static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final AcknowledgementFactory RECEIVER_ACKS = new AcknowledgementFactory();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    private static TestReceiver startReceiver() {
        try {
            TestReceiver receiver = new TestReceiver();
            receiver.defaultStatus("/broken", 500);
            // A municipal system answers each message with its MedCom acknowledgement, except the silent one;
            // an SBDH access point answers with its eDelivery receipt (the late one not at once); legacy
            // letters are answered later, with a receipt of their own.
            receiver.respondWith(r -> switch (r.path()) {
                case "/silent", "/sbdh-late", "/vans-receiver" -> "";
                case "/sbdh-receiver" -> EnvelopeFixtures.receiptFor(r.body());
                default -> isLetter(r.contentType()) ? "" : receiverAck(r.body());
            });
            Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestReceiver startEdsService() {
        try {
            TestReceiver eds = new TestReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(eds::close));
            return eds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test users, one per role; each test user's password is its name. */
    public static final String PARTNER = "engine";
    public static final String OPS = "ops";
    public static final String SUPPORT = "support";
    public static final String ADMIN = "admin";
    /** A municipality's system (partner role): acts for Herlev Kommune (/kommune) only. */
    public static final String MUNICIPALITY = "kommune";
    public static final String MUNICIPALITY_SOR = "1042981000016003";
    /** Its EAN location number: MedCom organisations carry both. */
    public static final String MUNICIPALITY_GLN = "5790000000012";

    /** A users.yaml with one user per role; the partner may send as the organisations of MedCom's examples. */
    public static String usersYaml() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        return "users:\n"
                + "  - {username: " + PARTNER + ", password: \"" + bcrypt.encode(PARTNER) + "\", roles: [partner],"
                + " senders: [\"265161000016000\", \"953741000016009\", \"123456789012345\", \"" + String.join("\", \"", LETTER_PATHS.keySet())
                + "\", \"5790000120400\"]}\n"
                + "  - {username: " + MUNICIPALITY + ", password: \"" + bcrypt.encode(MUNICIPALITY) + "\", roles: [partner],"
                + " senders: [\"" + MUNICIPALITY_SOR + "\"]}\n"
                + "  - {username: " + OPS + ", password: \"" + bcrypt.encode(OPS) + "\", roles: [ops]}\n"
                + "  - {username: " + SUPPORT + ", password: \"" + bcrypt.encode(SUPPORT) + "\", roles: [support]}\n"
                + "  - {username: " + ADMIN + ", password: \"" + bcrypt.encode(ADMIN) + "\", roles: [admin]}\n";
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(DATA_DIR);
        Path partners = DATA_DIR.resolve("partners.yaml");
        Files.writeString(partners, partnersYaml(RECEIVER));
        Path users = DATA_DIR.resolve("users.yaml");
        Files.writeString(users, usersYaml());
        registry.add("gateway.users-file", users::toString);
        // @SpringBootTest turns metrics exporters off; the gateway's metrics endpoint is part of what is tested.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.partners-file", partners::toString);
        // Above MedCom's largest receive-test message (R-Tek-A, 1.3 MB with its attachment), well below the default.
        registry.add("gateway.intake.max-body-size", () -> "2MB");
        registry.add("gateway.delivery.maximum-redeliveries", () -> "4");
        // Several consumers per receiver, so the tests see order kept per patient under concurrency (PatientOrderTest).
        registry.add("gateway.delivery.consumers-per-receiver", () -> "4");
        // A receiver is down after as many failures as one message's retry budget allows, so a
        // receiver that is down opens an outage before its first message could be dead-lettered.
        registry.add("gateway.outage.detection.consecutive-failures", () -> "4");
        registry.add("gateway.outage.detection.probe-interval", () -> "1s");
        registry.add("gateway.outage.watch-interval-ms", () -> "200");
        registry.add("gateway.outage.drain-rate-per-second", () -> "50");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("gateway.delivery.redelivery-delay-ms", () -> "100");
        registry.add("gateway.delivery.back-off-multiplier", () -> "1.5");
        registry.add("gateway.delivery.requeue-after-ms", () -> "2000");
        registry.add("gateway.acknowledgement.timeout-ms", () -> "1500");
        registry.add("gateway.acknowledgement.check-interval-ms", () -> "300");
        registry.add("gateway.acknowledgement.max-resends", () -> "2");
        registry.add("gateway.envelope.sbdh-receipt-timeout-ms", () -> "1500");
        registry.add("gateway.eds.url", () -> EDS_SERVICE.url("/eds"));
        registry.add("gateway.eds.retry-delay-ms", () -> "200");
        registry.add("gateway.eds.max-retry-delay-ms", () -> "1000");
        registry.add("gateway.escort.contracts.watch-interval-ms", () -> "300");
        // Retention runs only when a test calls it (RetentionTest), with the archive on.
        registry.add("gateway.retention.every", () -> "24h");
        registry.add("gateway.retention.archive.enabled", () -> "true");
        // The ops page's trend chart gets a sample a second, so a test sees its messages there soon.
        registry.add("gateway.metrics.trend-interval", () -> "1s");
    }

    /** The receiver path of each HTTP partner, by SOR code. */
    public static final Map<String, String> RECEIVER_PATHS = Map.ofEntries(
            Map.entry("953741000016009", "/herlev"),
            Map.entry("265161000016000", "/hospital"),
            Map.entry("1042981000016003", "/kommune"),
            Map.entry("543210987654321", "/example"),
            Map.entry(FLAKY_SOR, "/flaky"),
            Map.entry(SILENT_SOR, "/silent"),
            Map.entry(BROKEN_SOR, "/broken"),
            Map.entry(PLANNED_SOR, "/planned"),
            Map.entry(GONE_SOR, "/gone"),
            Map.entry(MAINTENANCE_SOR, "/maintenance"),
            Map.entry(POISON_SOR, "/poison"),
            Map.entry(ORDER_SOR, "/patient-order"),
            // The receivers of MedCom's CareCommunication receive-test messages (src/test/resources/receive-tests).
            Map.entry("330461000016004", "/receive-test-a"),
            Map.entry("325251000016005", "/receive-test-b"),
            Map.entry("1017421000016003", "/receive-test-c"));

    /**
     * Partners known by EAN location number only, as legacy letters address them: the hospital ward and
     * municipality of MedCom's OIOXML/EDIFACT examples (DIS17_1, DIS20_1) and the GP of DIS91_1.
     */
    public static final Map<String, String> LETTER_PATHS = Map.of(
            "5790000143054", "/ouh",
            "5790000143055", "/lyngby",
            "5790000128700", "/laegehuset");

    public static boolean isLetter(String contentType) {
        return contentType != null && (contentType.startsWith("application/edifact") || contentType.startsWith("application/xml"));
    }

    public static String partnersYaml(TestReceiver receiver) {
        StringBuilder yaml = new StringBuilder("partners:\n");
        LETTER_PATHS.forEach((ean, path) -> yaml.append("  - name: Letter partner ").append(path).append("\n    gln: \"").append(ean)
                .append("\"\n    noticeMailbox: edi").append(path.replace("/", "-")).append("@kommune.example")
                .append("\n    delivery:\n      url: ").append(receiver.url(path)).append("\n"));
        RECEIVER_PATHS.forEach((sor, path) -> yaml.append("  - name: Test partner ").append(path).append("\n    sor: \"").append(sor)
                .append(MUNICIPALITY_SOR.equals(sor) ? "\"\n    gln: \"" + MUNICIPALITY_GLN : "")
                .append("\"\n    noticeMailbox: edi").append(path.replace("/", "-")).append("@kommune.example")
                .append("\n    onCallPhone: \"+45 7000 0000\"")
                .append("\n    delivery:\n      url: ").append(receiver.url(path)).append("\n"));
        yaml.append("  - name: Queue partner\n    sor: \"").append(QUEUE_SOR).append("\"\n    delivery:\n      queue: municipal.test\n");
        yaml.append(envelopePartner(receiver, SBDH_SOR, STIN_RECEIVER_GLN, "/sbdh-receiver", "sbdh"));
        yaml.append(envelopePartner(receiver, SBDH_LATE_SOR, "5790000000012", "/sbdh-late", "sbdh"));
        yaml.append(envelopePartner(receiver, VANS_SOR, STIN_RECEIVER_GLN, "/vans-receiver", "vans"));
        return yaml.toString();
    }

    private static String envelopePartner(TestReceiver receiver, String sor, String gln, String path, String envelope) {
        return "  - name: Envelope partner " + path + "\n    sor: \"" + sor + "\"\n    gln: \"" + gln + "\"\n    delivery:\n      url: "
                + receiver.url(path) + "\n      envelope: " + envelope + "\n";
    }

    /** What a well-behaved municipal system answers: a MedCom ok acknowledgement of the message. */
    public static String receiverAck(String message) {
        boolean xml = message.trim().startsWith("<");
        Bundle bundle = (Bundle) (xml ? FHIR.newXmlParser() : FHIR.newJsonParser()).parseResource(message);
        Bundle ack = RECEIVER_ACKS.acknowledge(bundle, AckCode.OK, List.of());
        return (xml ? FHIR.newXmlParser() : FHIR.newJsonParser()).encodeResourceToString(ack);
    }

    /** The response code of an acknowledgement (JSON or XML), e.g. "ok". */
    public static String ackCodeOf(String ack) {
        Bundle bundle = (Bundle) (ack.trim().startsWith("<") ? FHIR.newXmlParser() : FHIR.newJsonParser()).parseResource(ack);
        return ((MessageHeader) bundle.getEntryFirstRep().getResource()).getResponse().getCode().toCode();
    }

    public record Reply(int status, String contentType, String body) {
        public Bundle bundle() {
            return (Bundle) (body.trim().startsWith("<") ? FHIR.newXmlParser() : FHIR.newJsonParser()).parseResource(body);
        }

        public String ackCode() {
            return ackCodeOf(body);
        }

        public String respondsTo() {
            return ((MessageHeader) bundle().getEntryFirstRep().getResource()).getResponse().getIdentifier();
        }
    }

    protected Reply post(String body, String contentType) {
        return post(body, contentType, PARTNER);
    }

    protected Reply post(String body, String contentType, String user) {
        return postTo("/fhir/$process-message", body, contentType, user);
    }

    /** A POST to any intake path (e.g. /sbdh, /vans) as the given user (null: none). */
    protected Reply postTo(String path, String body, String contentType, String user) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType);
            if (user != null) {
                builder.header("Authorization", basic(user));
            }
            HttpRequest request = builder
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected Reply postJson(String json) {
        return post(json, "application/fhir+json");
    }

    /** A JSON API call as admin; answers "STATUS body". */
    protected String api(String method, String path, String json) {
        return api(method, path, json, ADMIN);
    }

    /** A JSON API call as the given user (null: none); answers "STATUS body". */
    protected String api(String method, String path, String json, String user) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json");
            if (user != null) {
                builder.header("Authorization", basic(user));
            }
            HttpRequest request = builder
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected String get(String path) {
        return api("GET", path, null);
    }

    /** How many copies of a MessageHeader.id the receivers have been handed. */
    protected static int deliveredCount(String messageHeaderId) {
        return RECEIVER.containing("\"" + messageHeaderId + "\"").size();
    }

    protected String messageStatus(String messageHeaderId) {
        return jdbc.queryForList("SELECT status FROM message WHERE message_header_id = ?", String.class, messageHeaderId)
                .stream().findFirst().orElse(null);
    }

    protected List<String> trailSteps(String messageHeaderId) {
        return jdbc.queryForList("SELECT e.step FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ? ORDER BY e.id", String.class, messageHeaderId);
    }

    /** Mails delivered to one mailbox (Bcc copies included) whose subject or text mentions {@code text}. */
    protected static List<MimeMessage> mailsTo(String address, String text) {
        GreenMailUser user = MAIL.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        // The inbox is GreenMail's live list: a mail arriving while it is read fails the read, so read it again.
        for (int attempt = 1; ; attempt++) {
            try {
                return MAIL.getManagers().getImapHostManager().getInbox(user).getMessages().stream().map(StoredMessage::getMimeMessage)
                        .filter(m -> {
                            try {
                                return (m.getSubject() + " " + m.getContent()).contains(text);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }).toList();
            } catch (ConcurrentModificationException arriving) {
                if (attempt == 10) {
                    throw arriving;
                }
            } catch (FolderException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A planned outage of one partner, from a minute ago for the given hours, reported through the API as ops
     * staff would; answers "STATUS body" (see {@link #outageId}).
     */
    protected String planOutage(String sor, String cause, int hours) {
        java.time.LocalDateTime now = java.time.LocalDateTime.now(CLOCK).withNano(0);
        return api("POST", "/api/outages", """
                {"kind": "planned", "cause": "%s", "affectedPartners": ["%s"], "affectedMessageTypes": [],
                 "start": "%s", "expectedEnd": "%s",
                 "contact": {"name": "Jens Hansen", "phone": "+45 1234 5678", "email": "jens@kommune.example"}}"""
                .formatted(cause, sor, now.minusMinutes(1), now.plusHours(hours)));
    }

    /** The id of an outage {@link #planOutage} created. */
    protected static String outageId(String created) {
        return created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    }

    /** Waits until the message has settled (finalised by its receiver), then a little longer to catch a second copy. */
    protected void awaitFinalised(String messageHeaderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "FINALISED".equals(messageStatus(messageHeaderId)));
        sleep(300);
    }

    protected static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
