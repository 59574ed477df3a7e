package dk.medcomgateway.outage.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

class DutyPropertiesTest {

    private static DutyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.duty", DutyProperties.class);
    }

    @Test
    void the_shipped_config_duty_yaml_states_the_same_rules_as_the_built_in_defaults() throws IOException {
        List<PropertySource<?>> file = new YamlPropertySourceLoader()
                .load("duty.yaml", new FileSystemResource("config/duty.yaml"));
        Binder yaml = new Binder(ConfigurationPropertySources.from(file));
        DutyProperties fromFile = yaml.bind("gateway.duty", DutyProperties.class).get();

        assertThat(fromFile).isEqualTo(DutyRosterTest.defaults());
    }

    @Test
    void an_operator_can_change_one_day_and_one_team_without_restating_the_rest() {
        DutyProperties properties = bind(Map.of(
                "gateway.duty.edi-support.hours.friday", "closed",
                "gateway.duty.operations-on-call.email", "vagt@kommune.example"));
        DutyRoster roster = new DutyRoster(properties, Clock.systemUTC());

        Duty friday = roster.onDutyAt(LocalDateTime.parse("2026-03-06T10:00")); // Friday
        assertThat(friday.team()).isEqualTo("operations-on-call");
        assertThat(friday.email()).isEqualTo("vagt@kommune.example");
        Duty thursday = roster.onDutyAt(LocalDateTime.parse("2026-03-05T15:44")); // Thursday
        assertThat(thursday.team()).isEqualTo("edi-support");
    }

    @Test
    void hours_include_their_start_and_exclude_their_end() {
        Hours hours = Hours.valueOf("08:00-15:45");

        assertThat(hours.contains(LocalTime.of(8, 0))).isTrue();
        assertThat(hours.contains(LocalTime.of(15, 44, 59))).isTrue();
        assertThat(hours.contains(LocalTime.of(15, 45))).isFalse();
        assertThat(hours.contains(LocalTime.of(7, 59, 59))).isFalse();
    }

    @Test
    void closed_hours_contain_no_time_of_day() {
        assertThat(Hours.valueOf("closed").contains(LocalTime.MIDNIGHT)).isFalse();
        assertThat(Hours.valueOf("closed").contains(LocalTime.NOON)).isFalse();
    }

    @Test
    void malformed_hours_are_refused_with_the_expected_form() {
        for (String malformed : new String[] {"8-16", "08:00", "08:00-15:45-16:00", "morning"}) {
            assertThatThrownBy(() -> Hours.valueOf(malformed))
                    .as(malformed)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HH:mm-HH:mm or closed");
        }
    }

    @Test
    void hours_may_not_pass_midnight() {
        assertThatThrownBy(() -> Hours.valueOf("22:00-08:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end before they begin");
    }

    @Test
    void closed_handling_hours_are_refused_at_startup_since_a_report_would_wait_for_ever() {
        assertThatThrownBy(() -> bind(Map.of("gateway.duty.handling-hours", "closed")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("handling-hours");
    }
}
