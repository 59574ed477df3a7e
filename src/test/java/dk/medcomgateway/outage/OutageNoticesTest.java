package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.ServerSetupTest;
import dk.medcomgateway.mail.GatewayMail;
import dk.medcomgateway.outage.Outage.Contact;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Outage notices as a real SMTP server receives them. */
class OutageNoticesTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String PLEJECENTER_SOR = "953741000016009";
    private static final String HJERTE_GLN = "5790000209354";
    private static final String UNKNOWN_SOR = "111111111111111";
    private static final String FROM = "edi-gateway@regionh.dk";
    private static final String STATUS_PAGE = "driftstatus@regionh.dk";
    private static final LocalDateTime START = LocalDateTime.of(2025, 3, 12, 18, 0);
    private static final Contact METTE = new Contact("Mette Jensen", "+45 44 88 44 88", "mette.jensen@herlev.dk");

    private static final PartnerDirectory PARTNERS = new PartnerDirectory(List.of(
            partner("Plejecenter Herlev", PLEJECENTER_SOR, "5790001348120", "plejecenter@herlev.dk"),
            partner("Hjerteafdelingen, Herlev og Gentofte Hospital", "265161000016000", HJERTE_GLN, "edi@herlevhospital.dk")));

    private OutageNotices notices;

    @BeforeEach
    void mailSenderOnGreenMail() {
        NoticeProperties properties = new NoticeProperties(FROM, List.of(STATUS_PAGE));
        notices = new OutageNotices(new GatewayMail(sender(greenMail.getSmtp().getPort()), properties.from()), properties, PARTNERS);
    }

    @Test
    void announcementStatesScopeCauseStartExpectedEndContactAndNextStatus() throws Exception {
        Outage outage = planned().partners(PLEJECENTER_SOR, HJERTE_GLN, UNKNOWN_SOR).build();

        List<String> sentTo = notices.broadcast(outage, NoticeKind.ANNOUNCEMENT, List.of("plejecenter@herlev.dk"));

        assertThat(sentTo).containsExactly("plejecenter@herlev.dk", STATUS_PAGE);
        assertThat(inbox(STATUS_PAGE)).hasSize(1);
        MimeMessage mail = onlyMailIn("plejecenter@herlev.dk");
        assertThat(mail.getSubject()).isEqualTo(
                "[EDI-nedbrud] Planlagt: EOJ upgrade — Plejecenter Herlev (953741000016009) + 2 andre 12-03-2025 18:00–22:30");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress(FROM));
        assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(body(mail)).contains(
                "Planlagt nedlukning af EDI-forbindelsen.",
                "Berørte parter: Plejecenter Herlev (953741000016009)",
                " Hjerteafdelingen, Herlev og Gentofte Hospital (5790000209354)\n",
                " 111111111111111\n",
                "Meddelelsestyper: alle\n",
                "Årsag: EOJ upgrade\n",
                "Start: 12-03-2025 18:00\n",
                "Forventet løst: 12-03-2025 22:30 (forventet nedetid 4 timer 30 min)\n",
                "Kontaktperson: Mette Jensen, tlf. +45 44 88 44 88, mette.jensen@herlev.dk\n",
                "Næste status sendes: 12-03-2025 20:00\n",
                "Sag: EDI-nedbrud nr. 42\n");
    }

    @Test
    void broadcastGoesOnceToEachListInBccSoMunicipalitiesDoNotSeeEachOther() throws Exception {
        List<String> lists = Arrays.asList("plejecenter@herlev.dk", " EDI@ballerup.dk ", "edi@ballerup.dk", "", null, "  ");

        List<String> sentTo = notices.broadcast(planned().build(), NoticeKind.ANNOUNCEMENT, lists);

        assertThat(sentTo).containsExactly("plejecenter@herlev.dk", "EDI@ballerup.dk", STATUS_PAGE);
        MimeMessage[] copies = greenMail.getReceivedMessages();
        assertThat(copies).hasSize(3);
        assertThat(Stream.of(copies).map(OutageNoticesTest::messageId).distinct()).as("one mail, one copy per mailbox").hasSize(1);
        for (String address : sentTo) {
            assertThat(inbox(address)).hasSize(1);
        }
        for (MimeMessage copy : copies) {
            assertThat(copy.getHeader("To")).containsExactly("undisclosed-recipients:;");
            assertThat(copy.getRecipients(RecipientType.CC)).isNull();
            assertThat(copy.getHeader("Bcc")).isNull();
        }
    }

    @Test
    void statusNoticeCarriesTheStatusTextAndAMovedExpectedEnd() throws Exception {
        Outage outage = planned().status(Outage.Status.active).statusText("Leverandøren genindlæser databasen")
                .expectedEnd(LocalDateTime.of(2025, 3, 13, 1, 0)).nextStatusAt(LocalDateTime.of(2025, 3, 12, 23, 0))
                .messageTypes("HospitalNotification", "CareCommunication").build();

        notices.broadcast(outage, NoticeKind.STATUS, List.of());

        MimeMessage mail = onlyMail();
        assertThat(mail.getSubject()).isEqualTo(
                "[EDI-nedbrud] Status: EOJ upgrade — Plejecenter Herlev (953741000016009) 12-03-2025 18:00–13-03-2025 01:00");
        assertThat(body(mail)).contains(
                "Meddelelsestyper: HospitalNotification, CareCommunication\n",
                "Forventet løst: 13-03-2025 01:00 (forventet nedetid 7 timer)\n",
                "Status: Leverandøren genindlæser databasen\n",
                "Næste status sendes: 12-03-2025 23:00\n");
    }

    @Test
    void resolvedNoticeStatesItIsSolvedAndTheActualDowntimeAndPromisesNoFurtherStatus() throws Exception {
        Outage outage = planned().status(Outage.Status.resolved).resolvedAt(LocalDateTime.of(2025, 3, 12, 21, 50)).nextStatusAt(null).build();

        notices.broadcast(outage, NoticeKind.RESOLVED, List.of("plejecenter@herlev.dk"));

        MimeMessage mail = onlyMailIn("plejecenter@herlev.dk");
        assertThat(mail.getSubject()).isEqualTo("[EDI-nedbrud] Løst: EOJ upgrade — Plejecenter Herlev (953741000016009)");
        assertThat(body(mail))
                .contains("Nedbruddet på EDI-forbindelsen er løst.", "Løst: 12-03-2025 21:50\n", "Faktisk nedetid: 3 timer 50 min\n")
                .doesNotContain("Næste status", "Forventet");
    }

    @Test
    void escalationGoesToTheTeamOnDutyWithWhatHappened() throws Exception {
        Outage outage = planned().kind(Outage.Kind.unplanned).detected(true).status(Outage.Status.active).broadcast(false).build();

        List<String> sentTo = notices.escalate(outage, "Drifts- og ledelsesvagten", "vagt@regionh.dk", "nyt nedbrud");

        assertThat(sentTo).containsExactly("vagt@regionh.dk");
        MimeMessage mail = onlyMail();
        assertThat(mail.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress("vagt@regionh.dk"));
        assertThat(mail.getSubject()).isEqualTo("[EDI-nedbrud] Nr. 42 nyt nedbrud: EOJ upgrade — Plejecenter Herlev (953741000016009)");
        assertThat(body(mail)).contains(
                "Til Drifts- og ledelsesvagten\n",
                "EDI-nedbrud nr. 42: nyt nedbrud.",
                "Type: uplanlagt, registreret af EDI-gatewayen\n",
                "Status: i gang\n",
                "Forventet løst: 12-03-2025 22:30 (forventet nedetid 4 timer 30 min)\n",
                "Fordelingslister: nej, under grænsen for udsendelse\n",
                "Kontaktperson: Mette Jensen");
    }

    @Test
    void reporterReceiptGivesTheExpectedDowntimeBack() throws Exception {
        Outage outage = planned().handleAt(LocalDateTime.of(2025, 3, 6, 8, 0)).build();

        List<String> sentTo = notices.toReporter(outage, NoticeKind.REPORTER_RECEIPT);

        assertThat(sentTo).containsExactly("mette.jensen@herlev.dk");
        MimeMessage mail = onlyMail();
        assertThat(mail.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress("mette.jensen@herlev.dk"));
        assertThat(mail.getSubject()).isEqualTo(
                "[EDI-nedbrud] Modtaget: EOJ upgrade — Plejecenter Herlev (953741000016009), forventet nedetid 4 timer 30 min");
        assertThat(body(mail)).contains(
                "Tak for dit varsel om planlagt nedlukning af EDI-forbindelsen.",
                "Forventet løst: 12-03-2025 22:30 (forventet nedetid 4 timer 30 min)\n",
                "Behandles: 06-03-2025 08:00\n",
                "De berørte parter får besked via deres fordelingslister.",
                "Du får besked igen, når nedbruddet er løst.");
    }

    @Test
    void reporterIsToldWhenTheOutageIsSolved() throws Exception {
        Outage outage = planned().status(Outage.Status.resolved).resolvedAt(LocalDateTime.of(2025, 3, 13, 0, 15)).build();

        notices.toReporter(outage, NoticeKind.REPORTER_RESOLVED);

        MimeMessage mail = onlyMail();
        assertThat(mail.getSubject()).isEqualTo("[EDI-nedbrud] Løst: EOJ upgrade — Plejecenter Herlev (953741000016009)");
        assertThat(body(mail)).contains("Det nedbrud, du anmeldte, er løst.", "Løst: 13-03-2025 00:15\n", "Faktisk nedetid: 6 timer 15 min\n");
    }

    @Test
    void reporterWithoutAnEmailAddressGetsNothing() {
        assertThat(notices.toReporter(planned().contact(new Contact("Vagtcentralen", "70 20 20 20", " ")).build(), NoticeKind.REPORTER_RECEIPT)).isEmpty();
        assertThat(notices.toReporter(planned().contact(null).build(), NoticeKind.REPORTER_RESOLVED)).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void eachMethodTakesOnlyItsOwnKindsOfNotice() {
        assertThatThrownBy(() -> notices.broadcast(planned().build(), NoticeKind.REPORTER_RECEIPT, List.of("a@b.dk")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.toReporter(planned().build(), NoticeKind.STATUS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void mailServerThatIsDownThrowsSoTheCallerCanRecordAndRetry() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NoticeProperties properties = new NoticeProperties(FROM, List.of());
        OutageNotices unreachable = new OutageNotices(new GatewayMail(sender(closedPort), properties.from()), properties, PARTNERS);

        assertThatThrownBy(() -> unreachable.broadcast(planned().build(), NoticeKind.ANNOUNCEMENT, List.of("plejecenter@herlev.dk")))
                .isInstanceOf(MailException.class);
    }

    @Test
    void downtimeReadsAsPeopleSayIt() {
        assertThat(NoticeText.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(NoticeText.duration(Duration.ofMinutes(60))).isEqualTo("1 time");
        assertThat(NoticeText.duration(Duration.ofMinutes(24 * 60 + 2 * 60 + 15))).isEqualTo("1 døgn 2 timer 15 min");
        assertThat(NoticeText.duration(Duration.ZERO)).isEqualTo("0 min");
    }

    private static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        return sender;
    }

    private static MimeMessage onlyMail() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /** A Bcc copy names no recipient, so it is found by the mailbox GreenMail delivered it to. */
    private static MimeMessage onlyMailIn(String address) throws Exception {
        List<MimeMessage> received = inbox(address);
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static List<MimeMessage> inbox(String address) throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager().getUserByEmail(address))
                .getMessages().stream().map(StoredMessage::getMimeMessage).toList();
    }

    /** The decoded text with label padding collapsed, so assertions read "Label: value". */
    private static String body(MimeMessage mail) throws Exception {
        return ((String) mail.getContent()).replaceAll(":  +", ": ").replaceAll("\r\n", "\n");
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Partner partner(String name, String sor, String gln, String mailbox) {
        return new Partner(name, sor, gln, new Partner.Delivery(null, null, "outbox/" + sor), mailbox, "44 88 44 88", null);
    }

    /** A planned EOJ upgrade at Plejecenter Herlev, 18:00–22:30, announced a week ahead; tests change what they are about. */
    private static Builder planned() {
        return new Builder();
    }

    private static final class Builder {
        private Outage.Kind kind = Outage.Kind.planned;
        private boolean detected;
        private List<String> partners = List.of(PLEJECENTER_SOR);
        private List<String> messageTypes = List.of();
        private LocalDateTime expectedEnd = START.withHour(22).withMinute(30);
        private Contact contact = METTE;
        private Outage.Status status = Outage.Status.scheduled;
        private String statusText;
        private boolean broadcast = true;
        private LocalDateTime handleAt = LocalDateTime.of(2025, 3, 5, 10, 12);
        private LocalDateTime nextStatusAt = START.withHour(20);
        private LocalDateTime resolvedAt;

        Builder kind(Outage.Kind v) { kind = v; return this; }
        Builder detected(boolean v) { detected = v; return this; }
        Builder partners(String... v) { partners = List.of(v); return this; }
        Builder messageTypes(String... v) { messageTypes = List.of(v); return this; }
        Builder expectedEnd(LocalDateTime v) { expectedEnd = v; return this; }
        Builder contact(Contact v) { contact = v; return this; }
        Builder status(Outage.Status v) { status = v; return this; }
        Builder statusText(String v) { statusText = v; return this; }
        Builder broadcast(boolean v) { broadcast = v; return this; }
        Builder handleAt(LocalDateTime v) { handleAt = v; return this; }
        Builder nextStatusAt(LocalDateTime v) { nextStatusAt = v; return this; }
        Builder resolvedAt(LocalDateTime v) { resolvedAt = v; return this; }

        Outage build() {
            return new Outage(42, kind, detected, "EOJ upgrade", partners, messageTypes, START, expectedEnd, contact, status,
                    statusText, false, broadcast, LocalDateTime.of(2025, 3, 5, 10, 12), handleAt, nextStatusAt, resolvedAt);
        }
    }
}
