package dk.medcomgateway.escort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.escort.SettlementLine.Kind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The agreement's arithmetic: weekdays 06:00–17:00 at 271.02 DKK/h, all other hours (and
 * Saturdays, Sundays, public holidays) at 426.05 DKK/h, 2018 level with index factor 1.0.
 */
class SettlementCalculatorTest {

    private final SettlementCalculator calculator = new SettlementCalculator(EscortRatesTest.defaults());

    private static SettlementQuote quote(SettlementCalculator calculator, String start, String end) {
        return calculator.quote(new SettlementRequest(LocalDateTime.parse(start), LocalDateTime.parse(end),
                null, null, null, null));
    }

    private SettlementQuote quote(String start, String end) {
        return quote(calculator, start, end);
    }

    private static SettlementLine hoursLine(Kind kind, String from, String to, String hours, String rate, String amount) {
        return SettlementLine.hours(kind, LocalDateTime.parse(from), LocalDateTime.parse(to),
                new BigDecimal(hours), new BigDecimal(rate), new BigDecimal(amount));
    }

    private static void assertTotals(SettlementQuote quote, String dayHours, String otherHours, String amount) {
        assertThat(quote.dayHours()).as("day hours").isEqualByComparingTo(dayHours);
        assertThat(quote.otherHours()).as("other hours").isEqualByComparingTo(otherHours);
        assertThat(quote.amountDkk()).as("amount").isEqualTo(new BigDecimal(amount));
    }

    @Test
    void tuesday_16_30_to_19_00_is_half_an_hour_of_day_and_two_other_hours_987_61() {
        SettlementQuote quote = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T16:30"),
                LocalDateTime.parse("2026-03-03T19:00"), BigDecimal.ZERO, BigDecimal.ZERO, null, null));

        assertTotals(quote, "0.5", "2.0", "987.61");
        assertThat(quote.lines()).containsExactly(
                hoursLine(Kind.DAY, "2026-03-03T16:30", "2026-03-03T17:00", "0.50", "271.02", "135.51"),
                hoursLine(Kind.OTHER, "2026-03-03T17:00", "2026-03-03T19:00", "2.00", "426.05", "852.10"));
    }

    @Test
    void the_split_at_17_00_is_exact_to_the_minute_and_17_00_itself_is_other() {
        assertTotals(quote("2026-03-03T16:59", "2026-03-03T17:01"), "0.02", "0.02", "11.62"); // 1 min each side: 4.517 -> 4.52, 7.1008 -> 7.10
        assertTotals(quote("2026-03-03T17:00", "2026-03-03T18:00"), "0", "1", "426.05");
        assertTotals(quote("2026-03-03T16:00", "2026-03-03T17:00"), "1", "0", "271.02");
    }

    @Test
    void the_split_at_06_00_is_exact_and_06_00_itself_is_day() {
        SettlementQuote quote = quote("2026-03-04T05:00", "2026-03-04T08:00"); // Wednesday

        assertTotals(quote, "2", "1", "968.09"); // 426.05 + 2 × 271.02
        assertThat(quote.lines()).containsExactly(
                hoursLine(Kind.OTHER, "2026-03-04T05:00", "2026-03-04T06:00", "1.00", "426.05", "426.05"),
                hoursLine(Kind.DAY, "2026-03-04T06:00", "2026-03-04T08:00", "2.00", "271.02", "542.04"));
        assertTotals(quote("2026-03-04T06:00", "2026-03-04T07:00"), "1", "0", "271.02");
    }

    @Test
    void a_night_across_midnight_is_other_until_06_00_and_day_from_then() {
        // Tuesday 15:00 to Wednesday 09:00: day 15–17, other 17–06 (13 h), day 06–09
        SettlementQuote quote = quote("2026-03-03T15:00", "2026-03-04T09:00");

        assertTotals(quote, "5", "13", "6893.75"); // 5 × 271.02 + 13 × 426.05 = 1355.10 + 5538.65
        assertThat(quote.lines()).containsExactly(
                hoursLine(Kind.DAY, "2026-03-03T15:00", "2026-03-03T17:00", "2.00", "271.02", "542.04"),
                hoursLine(Kind.OTHER, "2026-03-03T17:00", "2026-03-04T06:00", "13.00", "426.05", "5538.65"),
                hoursLine(Kind.DAY, "2026-03-04T06:00", "2026-03-04T09:00", "3.00", "271.02", "813.06"));
    }

    @Test
    void a_whole_weekend_is_other_from_friday_17_00_to_monday_06_00() {
        // Friday 6 March 2026 12:00 to Monday 9 March 10:00
        SettlementQuote quote = quote("2026-03-06T12:00", "2026-03-09T10:00");

        assertTotals(quote, "9", "61", "28428.23"); // 9 × 271.02 + 61 × 426.05 = 2439.18 + 25989.05
        assertThat(quote.lines()).containsExactly(
                hoursLine(Kind.DAY, "2026-03-06T12:00", "2026-03-06T17:00", "5.00", "271.02", "1355.10"),
                hoursLine(Kind.OTHER, "2026-03-06T17:00", "2026-03-09T06:00", "61.00", "426.05", "25989.05"),
                hoursLine(Kind.DAY, "2026-03-09T06:00", "2026-03-09T10:00", "4.00", "271.02", "1084.08"));
    }

    @Test
    void saturday_and_sunday_daytime_is_other() {
        assertTotals(quote("2026-03-07T09:00", "2026-03-07T12:00"), "0", "3", "1278.15"); // Saturday
        assertTotals(quote("2026-03-08T09:00", "2026-03-08T12:00"), "0", "3", "1278.15"); // Sunday
    }

    @Test
    void easter_monday_is_a_public_holiday_so_its_daytime_is_other() {
        // 2. påskedag, Monday 6 April 2026; the Tuesday after is an ordinary weekday
        assertTotals(quote("2026-04-06T09:00", "2026-04-06T12:00"), "0", "3", "1278.15");
        assertTotals(quote("2026-04-07T09:00", "2026-04-07T12:00"), "3", "0", "813.06");
    }

    @Test
    void easter_from_maundy_thursday_to_the_tuesday_after_is_other_until_tuesday_06_00() {
        // Skærtorsdag 2 April 2026 08:00 to Tuesday 7 April 08:00: all other until Tuesday 06:00
        assertTotals(quote("2026-04-02T08:00", "2026-04-07T08:00"), "2", "118", "50815.94"); // 542.04 + 118 × 426.05
    }

    @Test
    void store_bededag_is_other_in_2023_but_a_weekday_from_2024_when_it_was_abolished() {
        assertTotals(quote("2023-05-05T09:00", "2023-05-05T12:00"), "0", "3", "1278.15"); // Friday, holiday
        assertTotals(quote("2024-04-26T09:00", "2024-04-26T12:00"), "3", "0", "813.06"); // Friday, working day
    }

    @Test
    void grundlovsdag_and_juleaften_are_not_public_holidays_so_their_daytime_is_day() {
        assertTotals(quote("2026-06-05T09:00", "2026-06-05T12:00"), "3", "0", "813.06"); // Friday
        assertTotals(quote("2026-12-24T09:00", "2026-12-24T12:00"), "3", "0", "813.06"); // Thursday
        assertTotals(quote("2026-12-25T09:00", "2026-12-25T12:00"), "0", "3", "1278.15"); // Juledag, Friday
    }

    @Test
    void hours_before_the_referral_from_the_out_of_hours_gp_are_not_charged() {
        // Acute: left home Tuesday 20:00, at the vagtlæge, referred to the hospital at 22:30, ended 01:00
        SettlementQuote quote = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T20:00"),
                LocalDateTime.parse("2026-03-04T01:00"), null, null, null, LocalDateTime.parse("2026-03-03T22:30")));

        assertTotals(quote, "0", "2.5", "1065.13"); // 2.5 × 426.05 = 1065.125
        assertThat(quote.lines()).containsExactly(
                new SettlementLine(Kind.OUT_OF_HOURS_GP, LocalDateTime.parse("2026-03-03T20:00"),
                        LocalDateTime.parse("2026-03-03T22:30"), new BigDecimal("2.50"), null, null, new BigDecimal("0.00")),
                hoursLine(Kind.OTHER, "2026-03-03T22:30", "2026-03-04T01:00", "2.50", "426.05", "1065.13"));
    }

    @Test
    void the_out_of_hours_gp_exclusion_takes_the_earliest_hours_whatever_their_rate() {
        // Referred at 07:00 on a Tuesday after a night at the vagtlæge: charged 07:00–09:00 at the day rate only
        SettlementQuote quote = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T03:00"),
                LocalDateTime.parse("2026-03-03T09:00"), null, null, null, LocalDateTime.parse("2026-03-03T07:00")));

        assertTotals(quote, "2", "0", "542.04");
    }

    @Test
    void a_referral_at_the_start_excludes_nothing_and_one_at_the_end_excludes_every_hour() {
        SettlementQuote atStart = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T16:30"),
                LocalDateTime.parse("2026-03-03T19:00"), null, null, null, LocalDateTime.parse("2026-03-03T16:30")));
        assertTotals(atStart, "0.5", "2", "987.61");
        assertThat(atStart.lines()).extracting(SettlementLine::kind).containsExactly(Kind.DAY, Kind.OTHER);

        SettlementQuote atEnd = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T16:30"),
                LocalDateTime.parse("2026-03-03T19:00"), new BigDecimal("10"), null, null,
                LocalDateTime.parse("2026-03-03T19:00")));
        assertTotals(atEnd, "0", "0", "22.80"); // mileage only
    }

    @Test
    void an_index_factor_of_1_1_raises_both_rates_each_rounded_half_up_to_oere() {
        SettlementCalculator indexed = new SettlementCalculator(EscortRatesTest.bind(Map.of("gateway.escort.index-factor", "1.1")));

        SettlementQuote quote = quote(indexed, "2026-03-03T16:30", "2026-03-03T19:00");

        // 271.02 × 1.1 = 298.122 -> 298.12; 426.05 × 1.1 = 468.655 -> 468.66
        assertThat(quote.lines()).containsExactly(
                hoursLine(Kind.DAY, "2026-03-03T16:30", "2026-03-03T17:00", "0.50", "298.12", "149.06"),
                hoursLine(Kind.OTHER, "2026-03-03T17:00", "2026-03-03T19:00", "2.00", "468.66", "937.32"));
        assertTotals(quote, "0.5", "2", "1086.38");
    }

    @Test
    void mileage_at_the_configured_rate_then_shift_change_transport_and_parking_as_reported() {
        SettlementQuote quote = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T16:30"),
                LocalDateTime.parse("2026-03-03T19:00"), new BigDecimal("42.5"), new BigDecimal("38"),
                new BigDecimal("120.50"), null));

        assertThat(quote.lines()).hasSize(5).endsWith(
                SettlementLine.mileage(new BigDecimal("42.5"), new BigDecimal("2.28"), new BigDecimal("96.90")),
                SettlementLine.reported(Kind.SHIFT_CHANGE_TRANSPORT, new BigDecimal("120.50")),
                SettlementLine.reported(Kind.PARKING, new BigDecimal("38.00")));
        assertTotals(quote, "0.5", "2", "1243.01"); // 987.61 + 96.90 + 120.50 + 38.00
    }

    @Test
    void mileage_is_not_indexed_and_follows_the_configured_rate() {
        SettlementCalculator custom = new SettlementCalculator(EscortRatesTest.bind(Map.of(
                "gateway.escort.index-factor", "1.1", "gateway.escort.mileage-rate-dkk-per-km", "2.23")));

        SettlementQuote quote = custom.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T16:00"),
                LocalDateTime.parse("2026-03-03T17:00"), new BigDecimal("15"), null, null, null));

        assertThat(quote.lines()).contains(
                SettlementLine.mileage(new BigDecimal("15"), new BigDecimal("2.23"), new BigDecimal("33.45")));
    }

    @Test
    void amounts_are_rounded_half_up_to_oere_not_to_even() {
        // 45 min at 271.02 = 203.265: half-up 203.27 (half-even would give 203.26)
        assertTotals(quote("2026-03-03T16:15", "2026-03-03T17:00"), "0.75", "0", "203.27");
        // 15 min at 426.05 = 106.5125 -> 106.51
        assertTotals(quote("2026-03-03T17:00", "2026-03-03T17:15"), "0", "0.25", "106.51");
        // 0.5 km at 2.28 = 1.14; 1.25 km = 2.85; 0.125 km = 0.285 -> 0.29
        SettlementQuote mileage = calculator.quote(new SettlementRequest(LocalDateTime.parse("2026-03-03T17:00"),
                LocalDateTime.parse("2026-03-03T18:00"), new BigDecimal("0.125"), null, null, null));
        assertThat(mileage.lines().get(1).amountDkk()).isEqualTo(new BigDecimal("0.29"));
    }

    @Test
    void a_third_of_an_hour_is_charged_exactly_and_shown_as_0_33_hours() {
        // 20 min at 271.02 = 90.34 exactly; the amount is not 0.33 × 271.02 = 89.44
        assertTotals(quote("2026-03-03T10:00", "2026-03-03T10:20"), "0.33", "0", "90.34");
    }

    @Test
    void hours_are_counted_as_they_pass_over_the_changes_of_summer_time() {
        // Spring forward Sunday 29 March 2026 02:00 -> 03:00: Saturday 22:00 to Sunday 06:00 is 7 hours
        assertTotals(quote("2026-03-28T22:00", "2026-03-29T06:00"), "0", "7", "2982.35");
        // Fall back Sunday 25 October 2026 03:00 -> 02:00: Saturday 22:00 to Sunday 06:00 is 9 hours
        assertTotals(quote("2026-10-24T22:00", "2026-10-25T06:00"), "0", "9", "3834.45");
    }

    @Test
    void end_before_or_at_start_is_refused() {
        assertThatThrownBy(() -> quote("2026-03-03T19:00", "2026-03-03T16:30"))
                .isInstanceOf(InvalidSettlementException.class)
                .hasMessage("'end' (2026-03-03T16:30) must be after 'start' (2026-03-03T19:00)");
        assertThatThrownBy(() -> quote("2026-03-03T19:00", "2026-03-03T19:00"))
                .isInstanceOf(InvalidSettlementException.class);
    }

    @Test
    void missing_times_negative_numbers_fractions_of_oere_and_a_referral_outside_the_course_are_refused() {
        LocalDateTime start = LocalDateTime.parse("2026-03-03T16:30");
        LocalDateTime end = LocalDateTime.parse("2026-03-03T19:00");
        assertRefused(new SettlementRequest(null, end, null, null, null, null), "'start' and 'end' are required");
        assertRefused(new SettlementRequest(start, end, new BigDecimal("-1"), null, null, null),
                "'kilometres' must not be negative");
        assertRefused(new SettlementRequest(start, end, null, new BigDecimal("-5"), null, null),
                "'parkingDkk' must not be negative");
        assertRefused(new SettlementRequest(start, end, null, new BigDecimal("12.345"), null, null),
                "'parkingDkk' must be in kroner and øre, at most two decimals");
        assertRefused(new SettlementRequest(start, end, null, null, new BigDecimal("0.001"), null),
                "'shiftChangeTransportDkk' must be in kroner and øre, at most two decimals");
        assertRefused(new SettlementRequest(start, end, null, null, null, LocalDateTime.parse("2026-03-03T16:00")),
                "'outOfHoursGpUntil' (2026-03-03T16:00) must lie between 'start' and 'end'");
        assertRefused(new SettlementRequest(start, end, null, null, null, LocalDateTime.parse("2026-03-03T19:01")),
                "'outOfHoursGpUntil' (2026-03-03T19:01) must lie between 'start' and 'end'");
    }

    private void assertRefused(SettlementRequest request, String message) {
        assertThatThrownBy(() -> calculator.quote(request))
                .isInstanceOf(InvalidSettlementException.class)
                .hasMessage(message);
    }
}
