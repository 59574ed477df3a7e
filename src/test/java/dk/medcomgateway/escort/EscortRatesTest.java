package dk.medcomgateway.escort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
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

class EscortRatesTest {

    /** The built-in defaults, as the gateway runs without config/escort.yaml. */
    static EscortRates defaults() {
        return bind(Map.of());
    }

    static EscortRates bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.escort", EscortRates.class);
    }

    @Test
    void the_defaults_are_the_agreements_2018_rates_unindexed_and_the_2026_low_mileage_rate() {
        assertThat(defaults()).isEqualTo(new EscortRates(ZoneId.of("Europe/Copenhagen"), new BigDecimal("271.02"),
                new BigDecimal("426.05"), LocalTime.of(6, 0), LocalTime.of(17, 0), new BigDecimal("1.0"),
                new BigDecimal("2.28")));
    }

    @Test
    void the_shipped_config_escort_yaml_states_the_same_rates_as_the_built_in_defaults() throws IOException {
        List<PropertySource<?>> file = new YamlPropertySourceLoader()
                .load("escort.yaml", new FileSystemResource("config/escort.yaml"));
        EscortRates fromFile = new Binder(ConfigurationPropertySources.from(file))
                .bind("gateway.escort", EscortRates.class).get();

        assertThat(fromFile).isEqualTo(defaults());
    }

    @Test
    void the_indexed_rates_are_rounded_half_up_to_oere() {
        EscortRates rates = bind(Map.of("gateway.escort.index-factor", "1.1"));

        assertThat(rates.indexedDayRate()).isEqualTo(new BigDecimal("298.12")); // 298.122
        assertThat(rates.indexedOtherRate()).isEqualTo(new BigDecimal("468.66")); // 468.655
        assertThat(defaults().indexedDayRate()).isEqualTo(new BigDecimal("271.02"));
    }

    @Test
    void a_zero_rate_or_index_or_day_hours_that_end_before_they_start_are_refused_at_startup() {
        assertThatThrownBy(() -> bind(Map.of("gateway.escort.index-factor", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("index-factor");
        assertThatThrownBy(() -> bind(Map.of("gateway.escort.day-rate-dkk", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("day-rate-dkk");
        assertThatThrownBy(() -> bind(Map.of("gateway.escort.mileage-rate-dkk-per-km", "-2.28")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("mileage-rate");
        assertThatThrownBy(() -> bind(Map.of("gateway.escort.day-starts", "17:00", "gateway.escort.day-ends", "06:00")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("day-starts");
    }
}
