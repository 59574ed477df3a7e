package dk.medcomgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The operations page in a real browser: a planned outage holds its receiver's queue, which shows in the last hour's
 * chart and the receiver's sparkline, and resolving it drains the queue.
 */
class OperationsPageTest extends GatewayTestBase {

    @Test
    void ops_registers_a_planned_outage_sees_the_receiver_held_with_its_queue_then_resolves_it_and_sees_the_queue_drain() {
        String row = "#partners tr[data-partner='" + MAINTENANCE_SOR + "']";
        try (Browser browser = new Browser(port)) {
            browser.logIn(OPS);
            assertThat(browser.path()).isEqualTo("/ops");
            browser.untilText(row + " .state", "up");
            browser.untilText(row + " .queue", "0");
            assertThat(browser.text("#on-duty")).isNotBlank();

            // Local Copenhagen times on the gateway's clock, which other tests may have moved on.
            LocalDateTime now = LocalDateTime.now(CLOCK).withSecond(0).withNano(0);
            new Select(browser.find("#outage-form [name=kind]")).selectByValue("planned");
            new Select(browser.find("#outage-form [name=affectedPartners]")).selectByValue(MAINTENANCE_SOR);
            browser.find("#outage-form [name=cause]").sendKeys("Care system maintenance");
            browser.set("#outage-form [name=start]", now.minusMinutes(1).toString());
            browser.set("#outage-form [name=expectedEnd]", now.plusHours(3).toString());
            browser.find("#outage-form [name=contactName]").sendKeys("Jens Hansen");
            browser.find("#outage-form [name=contactPhone]").sendKeys("+45 1234 5678");
            browser.find("#outage-form button[type=submit]").click();
            browser.untilText("#outage-message", "(active)");
            browser.untilText(row + " .state", "held by outage");
            browser.untilText("#outages tbody", "Care system maintenance");

            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String json = Examples.addressedTo(Examples.freshStin(), MAINTENANCE_SOR);
                sent.add(Examples.headerId(json));
                assertThat(postJson(json).ackCode()).isEqualTo("ok");
            }
            browser.untilText(row + " .queue", "3");
            assertThat(browser.text(row + " .age")).endsWith("s");
            browser.until(d -> Double.parseDouble(browser.text("#received")) > 0);
            // The last hour's chart: a line for each of received, delivered and refused, its current values in its label,
            // and the held receiver's queue as a sparkline in its row.
            browser.until(d -> d.findElements(By.cssSelector("#throughput-chart path.series")).stream()
                    .filter(p -> p.getAttribute("d").contains("L")).count() == 3);
            // Read through until(): the page redraws the chart's contents on each refresh.
            List<String> series = browser.until(d -> d.findElements(By.cssSelector("#throughput-chart path.series")).stream()
                    .map(p -> p.getAttribute("data-series")).toList());
            assertThat(series).containsExactly("inPerMinute", "outPerMinute", "refusedPerMinute");
            assertThat(browser.find("#throughput-chart").getAttribute("aria-label")).contains("received", "delivered", "refused");
            String title = browser.until(d -> d.findElement(By.cssSelector("#throughput-chart title")).getAttribute("textContent"));
            assertThat(title).contains("Messages per minute");
            assertThat(browser.text("#throughput-chart")).contains("now", "messages per minute");
            browser.until(d -> d.findElements(By.cssSelector(row + " td.trend svg.spark path.series")).size() == 1
                    && d.findElement(By.cssSelector(row + " td.trend svg.spark")).getAttribute("aria-label").contains("latest 3"));
            assertThat(RECEIVER.received("/maintenance")).noneMatch(r -> sent.contains(Examples.headerId(r.body())));
            browser.screenshot("ops-dashboard");

            browser.find("#outages tr[data-outage] [name=statusText]").sendKeys("Maintenance done");
            browser.find("#outages tr[data-outage] button.resolve").click();
            browser.untilText("#outage-message", "resolved");
            browser.untilText(row + " .state", "up");
            browser.untilText(row + " .queue", "0");
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
            assertThat(RECEIVER.received("/maintenance").stream().map(r -> Examples.headerId(r.body()))
                    .filter(sent::contains).toList()).containsExactlyElementsOf(sent);
            assertThat(browser.find("#no-outages").isDisplayed()).isTrue();
        }
    }
}
