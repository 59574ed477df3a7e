package dk.medcomgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The support desk in a real browser: find a dead-lettered message, read its trail, resend it, see it audited. */
class SupportDeskPageTest extends GatewayTestBase {

    /** The patient of MedCom's HospitalNotification example. */
    private static final String CPR = "2509479989";

    @Test
    void support_finds_a_dead_lettered_message_reads_its_trail_and_resends_it_once_the_receiver_is_back() {
        String json = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);
        String headerId = Examples.headerId(json);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(headerId))
                && trailSteps(headerId).contains("case-opened"));

        try (Browser browser = new Browser(port)) {
            browser.logIn(SUPPORT);
            assertThat(browser.path()).isEqualTo("/support");

            // By patient (the full CPR) and receiver: found, and the CPR is nowhere on the page but in the field typed into.
            browser.find("#search-form [name=patient]").sendKeys(CPR);
            browser.find("#search-form [name=receiver]").sendKeys(BROKEN_SOR);
            browser.find("#search-form button[type=submit]").click();
            browser.untilText("#results tr[data-message='" + headerId + "']", "DEAD_LETTERED");
            assertThat(browser.text("main")).doesNotContain(CPR).doesNotContain("250947");
            browser.untilText("#cases tbody", BROKEN_SOR);

            browser.driver.findElement(By.linkText(headerId)).click();
            browser.untilText("#steps", "dead-lettered");
            assertThat(browser.path()).isEqualTo("/support/messages/" + headerId);
            assertThat(browser.text("#steps")).contains("received", "accepted", "case-opened");
            browser.untilText("#payload-pretty", "\"resourceType\": \"Bundle\"");
            assertThat(browser.text("#payload-pretty")).contains(headerId);
            assertThat(browser.text("#summary")).contains("ok");

            RECEIVER.defaultStatus("/broken", 200);
            try {
                browser.find("#resend-form [name=reason]").sendKeys("receiver fixed their certificate");
                browser.find("#resend-form button[type=submit]").click();
                browser.untilText("#trail-message", "Resent: " + BROKEN_SOR);
                browser.untilText("#deliveries tr[data-partner='" + BROKEN_SOR + "'] .status", "FINALISED");
            } finally {
                RECEIVER.defaultStatus("/broken", 500);
            }
            assertThat(browser.text("#steps")).contains("resent", "delivered", "receiver-ack");
            // The acknowledgement documents: ours to the sender, and the one the receiver answered the resend with.
            browser.untilText("#acks details.ack[data-partner='" + BROKEN_SOR + "'] summary", "From receiver " + BROKEN_SOR);
            assertThat(browser.text("#acks")).contains("Sent by the gateway to the sender");
            assertThat(deliveredCount(headerId)).isEqualTo(1);
            browser.screenshot("support-message-trail");

            browser.open("/support");
            browser.untilText("#audit tbody tr", "message " + headerId);
            assertThat(browser.text("#audit tbody"))
                    .contains("support resend message " + headerId + " receiver fixed their certificate");
        }
    }
}
