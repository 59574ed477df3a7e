package dk.medcomgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.load.GatewayBench;
import dk.medcomgateway.support.load.StepResult;
import dk.medcomgateway.support.process.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/run.sh in miniature, so the benchmark keeps working: a few messages through the packaged gateway
 * on structural validation and through the raw broker. Asserts that every message was accepted and
 * delivered and that the report is complete, never how fast (figures on a shared build machine say nothing).
 */
class GatewayBenchSmokeIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void everyMessageSentIsAcceptedAndDeliveredAndTheReportHasEveryFigure() throws Exception {
        GatewayBench.Report report = GatewayBench.run(Map.of("concurrency", "2", "duration", "3", "messages", "24",
                "warmup", "0", "drain", "60", "validation", "structural", "gateway-jvm", "-Xmx768m " + GatewayProcess.SHORT_LIVED,
                "work", work.resolve("run").toString(), "out", work.resolve("results").toString()));

        assertThat(report.steps()).extracting(StepResult::system).containsExactly("gateway", "artemis");
        for (StepResult step : report.steps()) {
            assertThat(step.sent()).as("%s sent", step.system()).isPositive();
            assertThat(step.refused()).as("%s refused, first: %s", step.system(), step.firstError()).isZero();
            assertThat(step.accepted()).as("%s accepted", step.system()).isEqualTo(step.sent());
            assertThat(step.delivered()).as("%s delivered", step.system()).isEqualTo(step.accepted());
            assertThat(step.intakeP99Ms()).isGreaterThanOrEqualTo(step.intakeP50Ms()).isPositive();
            assertThat(step.endToEndP99Ms()).isGreaterThanOrEqualTo(step.endToEndP50Ms()).isPositive();
            assertThat(step.cpuSeconds()).isPositive();
            assertThat(step.heapUsedMb()).isPositive();
        }
        String json = Files.readString(report.file());
        assertThat(json).contains("\"acceptedPerSecond\"", "\"deliveredPerSecond\"", "\"intakeP95Ms\"", "\"endToEndP99Ms\"",
                "\"cpuSeconds\"", "\"heapUsedMb\"", "\"timeline\"", "\"ratio\"");
        assertThat(GatewayBench.table(report).strip()).containsPattern("(?s).*\\nratio: \\d+\\.\\d\\d$");
    }
}
