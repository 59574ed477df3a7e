package dk.medcomgateway.support.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one load step: a system (the gateway at a validation level, or the raw broker) at one
 * concurrency. Rates are per second of the step; latencies in ms; CPU in seconds of CPU time used by
 * the measured process during the step and as cores busy on average; heap in MB (highest sample).
 */
public record StepResult(String system, String validation, int concurrency, double seconds, long sent, long accepted,
                         long refused, long delivered, double acceptedPerSecond, double deliveredPerSecond,
                         double intakeP50Ms, double intakeP95Ms, double intakeP99Ms, double endToEndP50Ms, double endToEndP99Ms,
                         double cpuSeconds, double cpuCores, double heapUsedMb, String firstError) {

    /** Messages accepted and delivered per second: the lower of the two rates. */
    public double acceptedAndDeliveredPerSecond() {
        return Math.min(acceptedPerSecond, deliveredPerSecond);
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("system", system);
        fields.put("validation", validation);
        fields.put("concurrency", concurrency);
        fields.put("seconds", seconds);
        fields.put("sent", sent);
        fields.put("accepted", accepted);
        fields.put("refused", refused);
        fields.put("delivered", delivered);
        fields.put("acceptedPerSecond", acceptedPerSecond);
        fields.put("deliveredPerSecond", deliveredPerSecond);
        fields.put("intakeP50Ms", intakeP50Ms);
        fields.put("intakeP95Ms", intakeP95Ms);
        fields.put("intakeP99Ms", intakeP99Ms);
        fields.put("endToEndP50Ms", endToEndP50Ms);
        fields.put("endToEndP99Ms", endToEndP99Ms);
        fields.put("cpuSeconds", cpuSeconds);
        fields.put("cpuCores", cpuCores);
        fields.put("heapUsedMb", heapUsedMb);
        fields.put("firstError", firstError);
        return fields;
    }

    String toJson() {
        return fields().entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + json(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.2f", d);
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
