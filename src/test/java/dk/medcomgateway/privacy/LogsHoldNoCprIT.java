package dk.medcomgateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No CPR number in clear in any log line the test suite made the gateway write: the in-JVM
 * tests log to target/test-logs (src/test/resources/application.properties) and the process
 * tests point their gateways there too. Runs after every other test: unit tests run before the
 * integration tests, and this one in a failsafe execution of its own after theirs (pom.xml).
 */
class LogsHoldNoCprIT {

    static final Path LOGS = Path.of("target", "test-logs");
    /** Six digits that are a date (ddmmyy), an optional dash, four digits; not part of a longer number or of an id like a UUID. */
    private static final Pattern CPR_SHAPED = Pattern.compile("(?<![\\dA-Za-z])(\\d{2})(\\d{2})(\\d{2})-?(\\d{4})(?![\\dA-Za-z])");
    /** The test persons' CPR numbers, as they appear in the MedCom examples (FHIR identifiers, XML, EDIFACT). */
    private static final Pattern EXAMPLE_CPR = Pattern.compile("(?<!\\d)(\\d{10})(?!\\d)|(?<!\\d)(\\d{6}-\\d{4})(?!\\d)");

    @Test
    void no_log_line_of_the_suite_holds_a_cpr_number() throws IOException {
        List<Path> logs = logs();
        assertThat(logs).as("logs of the suite in " + LOGS + " (run with mvn verify)").isNotEmpty();
        Set<String> testPersons = testPersonCprs();
        assertThat(testPersons).as("test persons' CPR numbers in the examples").contains("2509479989");

        // The detector itself: a CPR-shaped number is caught, masked ones, ids and timestamps are not.
        assertThat(holdsCpr("patient 311299-1234 admitted", Set.of())).isTrue();
        assertThat(holdsCpr("cpr=0101011234,", Set.of())).isTrue();
        assertThat(holdsCpr("patient ********** id 8cc5cd17-8e04-4829-82ff-e80be0c27757 at 2026-11-23T10:56:18.376Z SOR 953741000016009",
                Set.of())).isFalse();
        assertThat(holdsCpr("CPR 2509479989", testPersons)).isTrue();

        List<String> hits = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            try (Stream<String> content = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                for (String line : (Iterable<String>) content::iterator) {
                    lines++;
                    if (hits.size() < 20 && holdsCpr(line, testPersons)) {
                        hits.add(log.getFileName() + ": " + line);
                    }
                }
            }
        }
        System.out.printf("CPR scan: %d log files, %d lines, %d hits%n", logs.size(), lines, hits.size());
        assertThat(hits).as("log lines with a CPR number in clear").isEmpty();
    }

    static boolean holdsCpr(String line, Set<String> testPersons) {
        String digits = line.replace("-", "");
        if (testPersons.stream().anyMatch(digits::contains)) {
            return true;
        }
        Matcher m = CPR_SHAPED.matcher(line);
        while (m.find()) {
            if (isDate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDate(int day, int month, int year) {
        try {
            LocalDate.of(2000 + year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static Set<String> testPersonCprs() throws IOException {
        Set<String> cprs = new TreeSet<>();
        try (Stream<Path> files = Files.list(Examples.DIR)) {
            // The messages, not examples/README.md beside them (their provenance).
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("README.md")).toList()) {
                Matcher m = EXAMPLE_CPR.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    String cpr = (m.group(1) != null ? m.group(1) : m.group(2)).replace("-", "");
                    if (isDate(Integer.parseInt(cpr.substring(0, 2)), Integer.parseInt(cpr.substring(2, 4)), Integer.parseInt(cpr.substring(4, 6)))) {
                        cprs.add(cpr);
                    }
                }
            }
        }
        return cprs;
    }

    private static List<Path> logs() {
        if (!Files.isDirectory(LOGS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(LOGS)) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
