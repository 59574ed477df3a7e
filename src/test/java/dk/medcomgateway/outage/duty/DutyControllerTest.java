package dk.medcomgateway.outage.duty;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

// Only this controller: the default slice would also pick up other features' filters and advice,
// and with them their beans, so this test would break on changes that have nothing to do with duty.
// Who may call it is AccessByRoleTest's subject; this slice tests what the controller answers.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(useDefaultFilters = false, includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DutyController.class))
@Import({DutyRoster.class, DutyControllerTest.FixedClock.class})
class DutyControllerTest {

    /** Saturday 7 March 2026, 12:00 in Copenhagen. */
    @TestConfiguration
    @EnableConfigurationProperties(DutyProperties.class)
    static class FixedClock {
        @Bean
        Clock clock() {
            ZoneId copenhagen = ZoneId.of("Europe/Copenhagen");
            return Clock.fixed(Instant.parse("2026-03-07T11:00:00Z"), copenhagen);
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void thursday_23_10_answers_edi_support_at_friday_08_00_as_exactly_this_json() throws Exception {
        mvc.perform(get("/api/on-duty").param("at", "2026-03-05T23:10")) // Thursday
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().string("{\"team\":\"edi-support\",\"teamName\":\"EDI-support\","
                        + "\"email\":\"edi-support@region.example\",\"handleAt\":\"2026-03-06T08:00:00\"}"));
    }

    @Test
    void without_at_the_answer_is_for_now_by_the_clock() throws Exception {
        mvc.perform(get("/api/on-duty")) // Saturday 12:00
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.team").value("operations-on-call"))
                .andExpect(jsonPath("$.email").value("drift@region.example"))
                .andExpect(jsonPath("$.handleAt").value("2026-03-07T12:00:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "2026-03-05", "2026-03-05 23:10", "2026-03-05T23:10+01:00", "2026-02-30T10:00", ""})
    void a_malformed_at_is_a_400_with_a_json_problem_and_no_stack_trace(String at) throws Exception {
        mvc.perform(get("/api/on-duty").param("at", at))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(
                        "'at' must be a local date-time such as 2026-03-05T23:10, not '" + at + "'"))
                .andExpect(content().string(not(containsString("Exception"))));
    }
}
