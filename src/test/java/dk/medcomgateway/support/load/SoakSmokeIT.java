package dk.medcomgateway.support.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.process.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/soak.sh (and the scale run, a long soak) in miniature, so it keeps working: a few seconds of
 * structural traffic through the packaged gateway, its receiver never down, the gateway killed with SIGKILL and
 * restarted once, then the timed ledger searches. Asserts that nothing answered ok was lost or delivered twice and
 * that every search found what it looked for; never how fast.
 */
class SoakSmokeIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path out;

    @Test
    void everyOkIsDeliveredOnceAndTheSearchesFindTheirMessages() throws Exception {
        boolean nothingLost = SoakRun.run(Map.ofEntries(Map.entry("duration", "20"), Map.entry("interval", "5"),
                Map.entry("rate", "4"), Map.entry("senders", "2"), Map.entry("receiver-down", "0"), Map.entry("drain", "60"),
                Map.entry("validation", "structural"), Map.entry("searches", "5"), Map.entry("kill-at", "6"),
                Map.entry("gateway-jvm", "-Xmx768m " + GatewayProcess.SHORT_LIVED), Map.entry("out", out.toString())));

        assertThat(nothingLost).isTrue();
        Path report;
        try (Stream<Path> files = Files.list(out)) {
            report = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode facts = new ObjectMapper().readTree(report.toFile()).path("facts");
        assertThat(facts.path("acknowledgedOk").asInt()).isPositive();
        assertThat(facts.path("validation").asText()).isEqualTo("structural");
        assertThat(facts.path("killedAtSecond").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(facts.path("healthyAfterKillSeconds").asDouble()).isPositive();
        for (String search : new String[] {"searchByMessageHeaderId", "searchByPatient"}) {
            assertThat(facts.path(search).path("searches").asInt()).as(search).isEqualTo(5);
            assertThat(facts.path(search).path("misses").asInt()).as(search + " misses").isZero();
            assertThat(facts.path(search).path("slowestMs").asDouble()).as(search).isPositive();
        }
    }
}
