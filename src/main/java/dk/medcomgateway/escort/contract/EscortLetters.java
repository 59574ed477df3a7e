package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.SettlementLine;
import dk.medcomgateway.escort.SettlementQuote;
import dk.medcomgateway.escort.SettlementRequest;
import dk.medcomgateway.escort.contract.ContractRequest.Course;
import dk.medcomgateway.escort.contract.ContractRequest.Treatment;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of the escort messages, in Danish as the municipal and hospital staff read them: the
 * standard contract, the answer and the settlement form. The same lines make the message text
 * and the attached PDF form.
 */
final class EscortLetters {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private EscortLetters() {
    }

    static List<String> contract(EscortContract contract, String citizen, String wardName, String municipalityName, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        lines.add("Standardkontrakt om ledsagelse nr. " + contract.id());
        lines.add("");
        lines.add("Borger: " + citizen);
        lines.add("Afdeling: " + wardName + " (SOR " + contract.wardSor() + ", EAN til fakturering " + contract.wardEan() + ")");
        lines.add("Kommune: " + municipalityName);
        lines.add("Behandling: " + (contract.treatment() == Treatment.planned ? "planlagt" : "akut"));
        lines.add("Forløb: " + (contract.course() == Course.single ? "én behandling"
                : "serie af behandlinger (én generel kontrakt for hele forløbet)"));
        lines.add("Aftale(r): " + contract.appointments().stream().map(LOCAL::format).collect(Collectors.joining(", ")));
        lines.add("Opgaver: " + contract.tasks().stream().map(EscortTask::danish).collect(Collectors.joining(", ")));
        if (contract.otherTasks() != null && !contract.otherTasks().isBlank()) {
            lines.add("Andre opgaver: " + contract.otherTasks());
        }
        lines.add("Borgeren har givet samtykke til udveksling af oplysninger.");
        lines.add("");
        lines.add("Kommunen bedes svare senest " + LOCAL.format(contract.answerDueAt().atZoneSameInstant(zone))
                + " ved at besvare denne meddelelse (accepterer / afviser).");
        return lines;
    }

    static List<String> accepted(EscortContract contract, String note) {
        List<String> lines = new ArrayList<>();
        lines.add("Kommunen accepterer ledsageaftale nr. " + contract.id() + " (aftale(r) "
                + contract.appointments().stream().map(LOCAL::format).collect(Collectors.joining(", ")) + ").");
        addNote(lines, note);
        return lines;
    }

    static List<String> declined(EscortContract contract, String declineNote, String note) {
        List<String> lines = new ArrayList<>();
        lines.add("Kommunen afviser ledsageaftale nr. " + contract.id() + " (aftale(r) "
                + contract.appointments().stream().map(LOCAL::format).collect(Collectors.joining(", ")) + ").");
        lines.add(declineNote);
        addNote(lines, note);
        return lines;
    }

    static List<String> settlement(EscortContract contract, long settlementId, SettlementRequest reported, SettlementQuote quote) {
        List<String> lines = new ArrayList<>();
        lines.add("Afregning af ledsagelse nr. " + settlementId + " under ledsageaftale nr. " + contract.id());
        lines.add("Faktureres til afdelingen, EAN " + contract.wardEan() + " (SOR " + contract.wardSor() + ")");
        lines.add("");
        lines.add("Start (transporten forlader borgerens hjem): " + LOCAL.format(reported.start()));
        lines.add("Slut: " + LOCAL.format(reported.end()));
        if (reported.outOfHoursGpUntil() != null) {
            lines.add("Hos vagtlæge indtil henvisning til hospitalet: " + LOCAL.format(reported.outOfHoursGpUntil())
                    + " (timerne før er kommunens egne)");
        }
        lines.add("");
        for (SettlementLine line : quote.lines()) {
            lines.add(line(line));
        }
        lines.add("");
        lines.add("Timer i dagtid: " + quote.dayHours() + ", øvrige timer: " + quote.otherHours());
        lines.add("I alt: " + dkk(quote.amountDkk()));
        return lines;
    }

    private static String line(SettlementLine line) {
        return switch (line.kind()) {
            case DAY -> hours("Dagtimer", line);
            case OTHER -> hours("Øvrige timer", line);
            case OUT_OF_HOURS_GP -> span(line) + " hos vagtlæge, " + line.hours() + " t: kommunens, " + dkk(line.amountDkk());
            case MILEAGE -> "Kørsel " + line.kilometres() + " km à " + line.rateDkk() + " kr.: " + dkk(line.amountDkk());
            case SHIFT_CHANGE_TRANSPORT -> "Transport ved vagtskifte: " + dkk(line.amountDkk());
            case PARKING -> "Parkering: " + dkk(line.amountDkk());
        };
    }

    private static String hours(String label, SettlementLine line) {
        return label + " " + span(line) + ", " + line.hours() + " t à " + line.rateDkk() + " kr.: " + dkk(line.amountDkk());
    }

    private static String span(SettlementLine line) {
        LocalDateTime from = line.from();
        return LOCAL.format(from) + "–" + LOCAL.format(line.to());
    }

    private static String dkk(BigDecimal amount) {
        return amount.toPlainString() + " DKK";
    }

    private static void addNote(List<String> lines, String note) {
        if (note != null && !note.isBlank()) {
            lines.add("Bemærkning: " + note);
        }
    }
}
