package dk.medcomgateway.discharge;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The discharge rules (config/discharge.yaml): which documents a discharge makes due, by when,
 * and how a CareCommunication is recognised as one of them.
 *
 * @param watchIntervalMs     how often the watchdog looks for documents past their deadline
 * @param report              the discharge report (udskrivningsrapport)
 * @param rehabilitationPlan  the rehabilitation plan (genoptræningsplan, GOP)
 */
@ConfigurationProperties("gateway.discharge")
public record DischargeProperties(@DefaultValue("60000") long watchIntervalMs,
                                  @DefaultValue Report report,
                                  @DefaultValue RehabilitationPlan rehabilitationPlan) {

    /**
     * @param deadline how long after a discharge is delivered its report must follow
     * @param match    which CareCommunications are discharge reports
     * @param letters  which legacy letters are discharge reports: a letter is one when any entry matches
     *                 its type (as category, e.g. XDIS18) and its subject (as topic, e.g. of an XDIS91)
     */
    public record Report(@DefaultValue("24h") Duration deadline, @DefaultValue Match match, List<Match> letters) {
        public Report {
            letters = letters == null ? List.of() : List.copyOf(letters);
        }
    }

    /**
     * The rehabilitation plan rule: when on, a discharge whose encounter class is listed makes a plan
     * due by the end of the (local) day of discharge.
     */
    public record RehabilitationPlan(@DefaultValue("false") boolean enabled,
                                     @DefaultValue("IMP") List<String> encounterClasses,
                                     @DefaultValue Match match) {

        /** When a plan is due for a discharge delivered at {@code deliveredAt}: local midnight after it; empty when none is due. */
        public Optional<OffsetDateTime> dueFor(String encounterClass, OffsetDateTime deliveredAt, ZoneId zone) {
            if (!enabled || !encounterClasses.contains(encounterClass)) {
                return Optional.empty();
            }
            return Optional.of(deliveredAt.atZoneSameInstant(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        }
    }

    /**
     * How a CareCommunication is classified: its Communication.category code is one of
     * {@code categories} (any, when empty) and its topic text matches one of {@code topicPatterns}
     * (Java regular expressions, searched; any topic, when empty). Both empty matches nothing.
     */
    public record Match(List<String> categories, List<String> topicPatterns) {

        public Match {
            categories = categories == null ? List.of() : List.copyOf(categories);
            topicPatterns = topicPatterns == null ? List.of() : List.copyOf(topicPatterns);
            topicPatterns.forEach(Pattern::compile);
        }

        public boolean matches(List<String> categoryCodes, String topic) {
            if (categories.isEmpty() && topicPatterns.isEmpty()) {
                return false;
            }
            boolean category = categories.isEmpty() || categoryCodes.stream().anyMatch(categories::contains);
            boolean topicMatches = topicPatterns.isEmpty()
                    || (topic != null && topicPatterns.stream().anyMatch(p -> Pattern.compile(p).matcher(topic).find()));
            return category && topicMatches;
        }
    }
}
