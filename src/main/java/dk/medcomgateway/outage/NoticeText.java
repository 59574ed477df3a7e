package dk.medcomgateway.outage;

import dk.medcomgateway.routing.PartnerDirectory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Danish subject and body of each notice. The readers are ward staff, EOJ system owners and
 * the on-duty team at regions and municipalities, so the text is Danish, the subject scannable in
 * an inbox, and the body a block of labelled fields. Outage times are already local
 * (Europe/Copenhagen) and are printed as they are.
 */
final class NoticeText {

    record Mail(String subject, String body) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final String TAG = "[EDI-nedbrud] ";
    /** Keeps a long free-text cause from pushing scope and times out of view in an inbox. */
    private static final int SUBJECT_CAUSE_MAX = 60;
    private static final int LABEL_WIDTH = 22;

    private final PartnerDirectory partners;

    NoticeText(PartnerDirectory partners) {
        this.partners = partners;
    }

    Mail broadcast(Outage o, NoticeKind kind) {
        String subject = switch (kind) {
            case ANNOUNCEMENT -> (o.kind() == Outage.Kind.planned ? "Planlagt: " : "Uplanlagt: ") + headline(o) + " " + period(o);
            case STATUS -> "Status: " + headline(o) + " " + period(o);
            case RESOLVED -> "Løst: " + headline(o);
            default -> throw new IllegalArgumentException(kind + " is not a broadcast");
        };
        StringBuilder body = new StringBuilder();
        body.append(switch (kind) {
            case ANNOUNCEMENT -> o.kind() == Outage.Kind.planned
                    ? "Planlagt nedlukning af EDI-forbindelsen."
                    : "Nedbrud på EDI-forbindelsen.";
            case STATUS -> "Status på nedbrud af EDI-forbindelsen.";
            default -> "Nedbruddet på EDI-forbindelsen er løst.";
        }).append("\n");
        if (o.detected() && kind != NoticeKind.RESOLVED) {
            body.append("Nedbruddet er registreret af EDI-gatewayen, fordi modtagersystemet gentagne gange ikke kunne modtage meddelelser.\n");
        }
        body.append("\n");
        scope(body, o);
        if (kind == NoticeKind.RESOLVED) {
            resolution(body, o);
        } else {
            expectation(body, o);
        }
        statusText(body, o);
        field(body, "Kontaktperson", contact(o.contact()));
        if (kind != NoticeKind.RESOLVED) {
            field(body, "Næste status sendes", time(o.nextStatusAt(), "ikke fastsat"));
        }
        body.append(footer(o)).append("Spørgsmål rettes til kontaktpersonen.\n");
        return new Mail(TAG + subject, body.toString());
    }

    Mail escalation(Outage o, String teamName, String what) {
        StringBuilder body = new StringBuilder()
                .append("Til ").append(teamName).append("\n\n")
                .append("EDI-nedbrud nr. ").append(o.id()).append(": ").append(what).append(".\n\n");
        field(body, "Type", (o.kind() == Outage.Kind.planned ? "planlagt" : "uplanlagt")
                + (o.detected() ? ", registreret af EDI-gatewayen" : ""));
        field(body, "Status", switch (o.status()) {
            case scheduled -> "varslet, ikke begyndt";
            case active -> "i gang";
            case resolved -> "løst";
        });
        scope(body, o);
        if (o.isOpen()) {
            expectation(body, o);
        } else {
            resolution(body, o);
        }
        statusText(body, o);
        field(body, "Kontaktperson", contact(o.contact()));
        field(body, "Anmeldt", time(o.reportedAt(), "ukendt"));
        field(body, "Behandles", time(o.handleAt(), "ukendt"));
        field(body, "Fordelingslister", o.broadcast() ? "ja, udsendes" : "nej, under grænsen for udsendelse");
        if (o.lateNotice()) {
            field(body, "Varsel", "for sent varslet i forhold til proceduren");
        }
        if (o.isOpen() && o.broadcast()) {
            field(body, "Næste status sendes", time(o.nextStatusAt(), "ikke fastsat"));
        }
        return new Mail(TAG + "Nr. " + o.id() + " " + what + ": " + headline(o), body + footer(o));
    }

    Mail reporter(Outage o, NoticeKind kind) {
        StringBuilder body = new StringBuilder();
        String subject;
        if (kind == NoticeKind.REPORTER_RECEIPT) {
            subject = "Modtaget: " + headline(o) + ", forventet nedetid " + expectedDowntime(o);
            body.append(o.kind() == Outage.Kind.planned
                    ? "Tak for dit varsel om planlagt nedlukning af EDI-forbindelsen."
                    : "Tak for din anmeldelse af nedbrud på EDI-forbindelsen.").append("\n\n");
            scope(body, o);
            expectation(body, o);
            if (o.handleAt() != null) {
                field(body, "Behandles", time(o.handleAt(), ""));
            }
            body.append("\n");
            if (o.broadcast()) {
                body.append("De berørte parter får besked via deres fordelingslister.\n");
            }
            body.append("Du får besked igen, når nedbruddet er løst.\n");
        } else if (kind == NoticeKind.REPORTER_RESOLVED) {
            subject = "Løst: " + headline(o);
            body.append("Det nedbrud, du anmeldte, er løst.\n\n");
            scope(body, o);
            resolution(body, o);
        } else {
            throw new IllegalArgumentException(kind + " is not a notice to the reporter");
        }
        return new Mail(TAG + subject, body + footer(o));
    }

    private void scope(StringBuilder body, Outage o) {
        field(body, "Berørte parter", partnerLabels(o).stream().collect(Collectors.joining("\n" + " ".repeat(LABEL_WIDTH))));
        field(body, "Meddelelsestyper", o.affectedMessageTypes() == null || o.affectedMessageTypes().isEmpty()
                ? "alle" : String.join(", ", o.affectedMessageTypes()));
        field(body, "Årsag", cause(o));
    }

    private static void expectation(StringBuilder body, Outage o) {
        field(body, "Start", time(o.start(), "ukendt"));
        field(body, "Forventet løst", o.expectedEnd() == null ? "endnu ukendt"
                : time(o.expectedEnd(), "") + " (forventet nedetid " + duration(o.downtime()) + ")");
    }

    private static void resolution(StringBuilder body, Outage o) {
        field(body, "Start", time(o.start(), "ukendt"));
        field(body, "Løst", time(o.resolvedAt(), "ukendt"));
        field(body, "Faktisk nedetid", o.resolvedAt() == null ? "ukendt" : duration(o.downtime()));
    }

    private static void statusText(StringBuilder body, Outage o) {
        if (o.statusText() != null && !o.statusText().isBlank()) {
            field(body, "Status", o.statusText());
        }
    }

    private static String footer(Outage o) {
        return "\nSag: EDI-nedbrud nr. " + o.id() + "\n"
                + "Denne besked er sendt automatisk af EDI-gatewayen.\n";
    }

    /** "Cause — first partner (+ n andre)": what and whom, the two things a reader scans for. */
    private String headline(Outage o) {
        String cause = cause(o);
        if (cause.length() > SUBJECT_CAUSE_MAX) {
            cause = cause.substring(0, SUBJECT_CAUSE_MAX - 1).strip() + "…";
        }
        List<String> labels = partnerLabels(o);
        String scope = labels.isEmpty() ? "" : " — " + labels.get(0) + (labels.size() > 1 ? " + " + (labels.size() - 1) + " andre" : "");
        return cause + scope;
    }

    /** "dd-MM-yyyy HH:mm–HH:mm", the end with its date only when it falls on another day. */
    private static String period(Outage o) {
        if (o.start() == null) {
            return "";
        }
        if (o.expectedEnd() == null) {
            return "fra " + o.start().format(TIME);
        }
        boolean sameDay = o.start().toLocalDate().equals(o.expectedEnd().toLocalDate());
        return o.start().format(TIME) + "–" + o.expectedEnd().format(sameDay ? CLOCK : TIME);
    }

    private List<String> partnerLabels(Outage o) {
        List<String> labels = new ArrayList<>();
        for (String code : o.affectedPartners() == null ? List.<String>of() : o.affectedPartners()) {
            labels.add(partners.byCode(code)
                    .map(p -> p.name() + " (" + code + ")")
                    .orElse(code));
        }
        return labels;
    }

    private static String expectedDowntime(Outage o) {
        return o.expectedEnd() == null ? "endnu ukendt" : duration(o.downtime());
    }

    private static String cause(Outage o) {
        return o.cause() == null || o.cause().isBlank() ? "ukendt årsag" : o.cause().strip();
    }

    private static String contact(Outage.Contact c) {
        if (c == null) {
            return "ikke oplyst";
        }
        List<String> parts = new ArrayList<>();
        addIfPresent(parts, c.name(), "");
        addIfPresent(parts, c.phone(), "tlf. ");
        addIfPresent(parts, c.email(), "");
        return parts.isEmpty() ? "ikke oplyst" : String.join(", ", parts);
    }

    private static void addIfPresent(List<String> parts, String value, String prefix) {
        if (value != null && !value.isBlank()) {
            parts.add(prefix + value.strip());
        }
    }

    private static void field(StringBuilder body, String label, String value) {
        body.append(String.format("%-" + LABEL_WIDTH + "s", label + ":")).append(value).append("\n");
    }

    private static String time(LocalDateTime t, String absent) {
        return t == null ? absent : t.format(TIME);
    }

    /** "1 døgn 2 timer 15 min", as people say it. */
    static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + " døgn");
        }
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " time" : " timer"));
        }
        if (rest > 0 || parts.isEmpty()) {
            parts.add(rest + " min");
        }
        return String.join(" ", parts);
    }
}
