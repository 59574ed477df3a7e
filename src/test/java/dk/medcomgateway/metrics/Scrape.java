package dk.medcomgateway.metrics;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of /actuator/prometheus: sums of the samples of a series whose labels include the given ones. */
record Scrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

    double sum(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            String present = m.group(3) == null ? "" : m.group(3);
            if (labels.entrySet().stream().allMatch(l -> present.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    boolean has(String name, Map<String, String> labels) {
        return text.lines().anyMatch(line -> line.startsWith(name + "{") && labels.entrySet().stream()
                .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")));
    }
}
