package dk.medcomgateway.support.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5 * SECOND;

    @Test
    void countsEachMessageInItsIntervalAndLeavesOutTheUnfinishedOneAndTheDrain() {
        Timeline timeline = new Timeline(START, Duration.ofSeconds(25));
        timeline.accepted(START + 1 * SECOND);
        timeline.accepted(START + 9 * SECOND);
        timeline.delivered(START + 9 * SECOND);
        timeline.accepted(START + 12 * SECOND);
        timeline.delivered(START + 19 * SECOND);
        timeline.delivered(START + 19 * SECOND);
        timeline.accepted(START + 24 * SECOND);  // in the third interval, which sending ends before finishing
        timeline.delivered(START + 400 * SECOND); // the drain
        timeline.accepted(START - SECOND);        // before the step

        assertThat(timeline.intervals(START + 25 * SECOND)).containsExactly(
                new Timeline.Interval(0, 0.2, 0.1),
                new Timeline.Interval(10, 0.1, 0.2));
    }

    @Test
    void aStepShorterThanAnIntervalHasNone() {
        Timeline timeline = new Timeline(START, Duration.ofSeconds(3));
        timeline.accepted(START + SECOND);

        assertThat(timeline.intervals(START + 3 * SECOND)).isEmpty();
    }
}
