package dk.medcomgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Who may open which staff page and its data; the stored payload is for the support desk only. */
class StaffPagesAccessTest extends GatewayTestBase {

    @Test
    void each_role_lands_on_its_own_page_and_admin_chooses() {
        try (Browser browser = new Browser(port)) {
            browser.logIn(ADMIN);
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.text("main")).contains("Operations", "Support desk");
            browser.find("#to-ops").click();
            browser.untilText("#partners tbody", MAINTENANCE_SOR);
        }
    }

    @Test
    void ops_data_is_for_ops_and_the_payload_for_support() {
        assertThat(api("GET", "/api/ops/status", null, OPS)).startsWith("200").contains("\"partners\"").contains("\"onDuty\"");
        assertThat(api("GET", "/api/ops/status", null, SUPPORT)).startsWith("403");
        assertThat(api("GET", "/api/ops/status", null, PARTNER)).startsWith("403");
        assertThat(api("GET", "/ops", null, SUPPORT)).startsWith("403");
        assertThat(api("GET", "/support", null, OPS)).startsWith("403");
        assertThat(api("GET", "/css/staff.css", null, null)).startsWith("200");

        String json = Examples.addressedTo(Examples.freshStin(), "953741000016009");
        String headerId = Examples.headerId(json);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> messageStatus(headerId) != null);
        String payload = api("GET", "/api/messages/" + headerId + "/payload", null, SUPPORT);
        assertThat(payload).startsWith("200").contains("\"" + headerId + "\"").isEqualTo("200 " + json);
        assertThat(api("GET", "/api/messages/" + headerId + "/payload", null, PARTNER)).startsWith("403");
        assertThat(api("GET", "/api/messages/" + headerId + "/payload", null, OPS)).startsWith("403");
        assertThat(api("GET", "/api/messages/no-such-message/payload", null, SUPPORT)).startsWith("404");
    }
}
