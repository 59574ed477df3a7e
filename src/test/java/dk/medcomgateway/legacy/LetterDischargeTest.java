package dk.medcomgateway.legacy;

import static dk.medcomgateway.legacy.Letters.DIS_CPR;
import static dk.medcomgateway.legacy.Letters.fresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.discharge.DischargeWatchdog;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A discharge advice letter (XDIS17) and the discharge report that must follow it (XDIS18, or an XDIS91 that says so). */
class LetterDischargeTest extends LetterGatewayTestBase {

    /** The discharging ward of DIS17_1.xml (EAN 5790000143054) is partner /ouh in the test directory. */
    private static final String WARD_MAILBOX = "edi-ouh@kommune.example";
    private static final AtomicInteger PATIENTS = new AtomicInteger();

    @Autowired
    DischargeWatchdog watchdog;
    @Autowired
    PatientPseudonymizer pseudonymizer;

    /** A patient of this test alone: the shared gateway keeps every episode. */
    private static String freshCpr() {
        return String.format("1203%02d%04d", 60 + PATIENTS.incrementAndGet() % 40, (int) (System.nanoTime() % 10000));
    }

    private Letters.Fresh dischargeAdvice(String cpr) {
        return fresh("DIS17_1.xml").with(DIS_CPR, cpr);
    }

    /** MedCom publishes no XDIS18 example: the XDIS17 example with the discharge report's element and code. */
    private Letters.Fresh dischargeReport(String cpr) {
        return fresh("DIS17_1.xml").with(DIS_CPR, cpr).with("NotificationOfDischarge", "DischargeReport")
                .with(">XDIS17<", ">XDIS18<").with("XD1730C", "XD1830C");
    }

    private List<String> expected(String cpr) {
        return jdbc.queryForList("SELECT d.status FROM expected_document d JOIN episode e ON e.id = d.episode_id"
                + " WHERE e.patient_hash = ? ORDER BY d.id", String.class, pseudonymizer.hash(cpr));
    }

    private List<String> openCases(String key, String kind) {
        return jdbc.queryForList("SELECT c.detail FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = ? AND c.status = 'OPEN'", String.class, key, kind);
    }

    @Test
    void a_delivered_XDIS17_makes_a_discharge_report_due_and_an_XDIS18_for_the_patient_ends_the_wait() {
        String cpr = freshCpr();
        Letters.Fresh advice = dischargeAdvice(cpr);

        assertThat(postLetter(advice.bytes(), "application/xml").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> expected(cpr).equals(List.of("WAITING")));
        assertThat(jdbc.queryForList("SELECT episode_key FROM episode WHERE patient_hash = ?", String.class, pseudonymizer.hash(cpr)))
                .containsExactly("edi:5790000143054|2000-01-24");

        assertThat(postLetter(dischargeReport(cpr).bytes(), "application/xml").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> expected(cpr).equals(List.of("RECEIVED")));
        watchdog.check();
        assertThat(openCases(advice.key(), "missing-discharge-report")).isEmpty();
    }

    @Test
    void an_XDIS17_without_a_report_by_the_deadline_raises_the_case_and_mails_the_ward_and_an_XDIS91_report_closes_it() {
        String cpr = freshCpr();
        Letters.Fresh advice = dischargeAdvice(cpr);
        postLetter(advice.bytes(), "application/xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> expected(cpr).equals(List.of("WAITING")));

        CLOCK.advance(Duration.ofHours(25));
        watchdog.check();

        assertThat(openCases(advice.key(), "missing-discharge-report")).singleElement().asString()
                .contains(WARD_MAILBOX).doesNotContain(cpr);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailsTo(WARD_MAILBOX, advice.key()).isEmpty());

        // An XDIS91 correspondence letter is a discharge report when its subject says so (config/discharge.yaml).
        byte[] report = Letters.replace(Letters.replace(Letters.replace(Letters.example("DIS91_1.xml"), "1502824933", cpr),
                "Forundersøgelse", "Udskrivningsrapport"), "KuvertNr012234", Letters.freshId());
        assertThat(postLetter(report, "application/xml").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> expected(cpr).equals(List.of("RECEIVED")));
        assertThat(openCases(advice.key(), "missing-discharge-report")).isEmpty();
    }

    @Test
    void an_XDIS91_letter_whose_subject_is_no_discharge_report_leaves_the_wait_open() {
        String cpr = freshCpr();
        postLetter(dischargeAdvice(cpr).bytes(), "application/xml");
        await().atMost(Duration.ofSeconds(30)).until(() -> expected(cpr).equals(List.of("WAITING")));

        String envelope = Letters.freshId();
        byte[] letter = Letters.replace(Letters.replace(Letters.example("DIS91_1.xml"), "1502824933", cpr), "KuvertNr012234", envelope);
        postLetter(letter, "application/xml");
        awaitStatus("edi:5790000120400:" + envelope, "FINALISED");
        sleep(500);
        assertThat(expected(cpr)).containsExactly("WAITING");
    }
}
