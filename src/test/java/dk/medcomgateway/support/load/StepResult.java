package dk.medcomgateway.support.load;

import java.util.List;

/**
 * The figures of one load step: a system (the gateway at a validation level, or the raw broker) at one
 * concurrency. Rates are per second of the step; latencies in ms; CPU in seconds of CPU time used by
 * the measured process during the step and as cores busy on average; heap in MB (highest sample); the rates
 * per interval of the step's sending time.
 */
public record StepResult(String system, String validation, int concurrency, double seconds, long sent, long accepted,
                         long refused, long delivered, double acceptedPerSecond, double deliveredPerSecond,
                         double intakeP50Ms, double intakeP95Ms, double intakeP99Ms, double endToEndP50Ms, double endToEndP99Ms,
                         double cpuSeconds, double cpuCores, double heapUsedMb, String firstError,
                         List<Timeline.Interval> timeline) {

    /** Messages accepted and delivered per second: the lower of the two rates. */
    public double acceptedAndDeliveredPerSecond() {
        return Math.min(acceptedPerSecond, deliveredPerSecond);
    }
}
