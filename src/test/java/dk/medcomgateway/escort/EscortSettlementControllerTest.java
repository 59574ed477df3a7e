package dk.medcomgateway.escort;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

// Only this controller: the default slice would also pick up other features' filters and advice,
// and with them their beans, so this test would break on changes that have nothing to do with escort.
// Who may call it is AccessByRoleTest's subject; this slice tests what the controller answers.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(controllers = EscortSettlementController.class, useDefaultFilters = false,
        includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = EscortSettlementController.class))
@Import({SettlementCalculator.class, EscortSettlementControllerTest.Rates.class})
class EscortSettlementControllerTest {

    /** The built-in rates: 2018 level, index factor 1.0. */
    @TestConfiguration
    @EnableConfigurationProperties(EscortRates.class)
    static class Rates {
    }

    @Autowired
    private MockMvc mvc;

    private ResultActions quote(String json) throws Exception {
        return mvc.perform(post("/api/escort-settlements/quote").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void tuesday_16_30_to_19_00_is_quoted_987_61_with_a_day_and_an_other_line() throws Exception {
        quote("""
                {"start": "2026-03-03T16:30", "end": "2026-03-03T19:00", "kilometres": 0, "parkingDkk": 0,
                 "outOfHoursGpUntil": null}""")
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().string("{\"dayHours\":0.50,\"otherHours\":2.00,\"amountDkk\":987.61,\"lines\":["
                        + "{\"kind\":\"day\",\"from\":\"2026-03-03T16:30:00\",\"to\":\"2026-03-03T17:00:00\","
                        + "\"hours\":0.50,\"rateDkk\":271.02,\"amountDkk\":135.51},"
                        + "{\"kind\":\"other\",\"from\":\"2026-03-03T17:00:00\",\"to\":\"2026-03-03T19:00:00\","
                        + "\"hours\":2.00,\"rateDkk\":426.05,\"amountDkk\":852.10}]}"))
                .andExpect(jsonPath("$.dayHours").value(0.5))
                .andExpect(jsonPath("$.otherHours").value(2.0));
    }

    @Test
    void an_acute_course_with_mileage_parking_and_shift_change_shows_every_line() throws Exception {
        quote("""
                {"start": "2026-03-03T20:00", "end": "2026-03-04T01:00", "kilometres": 12.5, "parkingDkk": 38,
                 "shiftChangeTransportDkk": 120.50, "outOfHoursGpUntil": "2026-03-03T22:30"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.otherHours").value(2.5))
                .andExpect(jsonPath("$.amountDkk").value(1252.13)) // 1065.13 + 28.50 + 120.50 + 38.00
                .andExpect(jsonPath("$.lines[*].kind").value(contains(
                        "out-of-hours-gp", "other", "mileage", "shift-change-transport", "parking")))
                .andExpect(jsonPath("$.lines[0].amountDkk").value(0.0))
                .andExpect(jsonPath("$.lines[2].kilometres").value(12.5))
                .andExpect(jsonPath("$.lines[2].rateDkk").value(2.28))
                .andExpect(jsonPath("$.lines[4].from").doesNotExist());
    }

    @Test
    void end_before_start_is_a_400_problem() throws Exception {
        quote("{\"start\": \"2026-03-03T19:00\", \"end\": \"2026-03-03T16:30\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("'end' (2026-03-03T16:30) must be after 'start' (2026-03-03T19:00)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            start             | {"start": "2026-03-03 16:30", "end": "2026-03-03T19:00"}
            start             | {"start": "2026-02-30T16:30", "end": "2026-03-03T19:00"}
            start             | {"start": "2026-03-03T16:30Z", "end": "2026-03-03T19:00"}
            start             | {"start": "2026-03-03T16:30+01:00", "end": "2026-03-03T19:00"}
            outOfHoursGpUntil | {"start": "2026-03-03T16:30", "end": "2026-03-03T19:00", "outOfHoursGpUntil": "2026-03-03T17:00Z"}
            kilometres        | {"start": "2026-03-03T16:30", "end": "2026-03-03T19:00", "kilometres": "many"}
            kilometer         | {"start": "2026-03-03T16:30", "end": "2026-03-03T19:00", "kilometer": 12}
            """)
    void a_malformed_misspelt_or_offset_field_is_a_400_problem_naming_it_without_java_details(String field, String json)
            throws Exception {
        quote(json)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith("'" + field + "' is malformed or unknown")))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("java."))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1, 2]", "{\"start\": "})
    void a_body_that_is_not_a_json_object_is_a_400_problem(String body) throws Exception {
        quote(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("2026-03-03T16:30")))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void missing_times_are_a_400_problem() throws Exception {
        quote("{\"kilometres\": 3}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'start' and 'end' are required"));
    }
}
