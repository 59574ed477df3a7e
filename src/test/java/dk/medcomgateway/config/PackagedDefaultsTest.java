package dk.medcomgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.routing.PartnerDirectory;
import dk.medcomgateway.security.GatewayUser;
import dk.medcomgateway.security.UsersFile;
import dk.medcomgateway.validation.ValidationPolicy;
import dk.medcomgateway.validation.ValidationPolicyConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

/**
 * The repository's config/ files are packaged in the jar as its defaults: the partner directory, the users and
 * the validation policy are read from the config dir when there, else from the jar with a warning naming the file
 * looked for; the files Spring imports (gateway.yaml ...) are the jar's, overridden value by value by the config dir's.
 */
@ExtendWith(OutputCaptureExtension.class)
class PackagedDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void without_a_partners_file_the_demo_directory_packaged_in_the_jar_is_used_and_the_log_says_so(CapturedOutput output) {
        Path missing = dir.resolve("config/partners.yaml");

        PartnerDirectory partners = new PartnerDirectory(new GatewayProperties(dir, missing, null, null, null, null, null, null));

        assertThat(partners.bySor("953741000016009").orElseThrow().delivery().directory()).isEqualTo("outbox/herlev-plejecenter");
        assertThat(output).contains("WARN").contains("No partner directory at " + missing.toAbsolutePath().normalize()
                + ": running on the demo partner directory packaged in the jar (classpath:config/partners.yaml)");
    }

    @Test
    void a_partners_file_that_exists_is_the_one_used(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("partners.yaml"), """
                partners:
                  - {name: Only, sor: "1", delivery: {directory: outbox/only}}
                """);

        PartnerDirectory partners = new PartnerDirectory(new GatewayProperties(dir, file, null, null, null, null, null, null));

        assertThat(partners.all()).hasSize(1);
        assertThat(partners.bySor("953741000016009")).isEmpty();
        assertThat(output).doesNotContain("No partner directory");
    }

    @Test
    void without_a_users_file_the_packaged_demo_users_are_used_and_the_log_says_so(CapturedOutput output) {
        Path missing = dir.resolve("users.yaml");

        Map<String, GatewayUser> users = UsersFile.load(missing);

        assertThat(users).containsKeys("regional-engine", "ops", "support", "admin");
        assertThat(output).contains("WARN").contains("No users file at " + missing.toAbsolutePath().normalize()
                + ": running on the demo users (their passwords are in the README) packaged in the jar (classpath:config/users.yaml)");
    }

    @Test
    void a_users_file_with_a_clear_text_password_stops_the_gateway() throws Exception {
        Path file = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - {username: ops, password: "ops-demo", roles: [ops]}
                """);

        assertThatThrownBy(() -> UsersFile.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("the password of ops is not a bcrypt hash");
    }

    @Test
    void without_a_validation_policy_medcoms_packaged_one_is_used_and_the_log_says_so(CapturedOutput output) {
        Path missing = dir.resolve("validation.yaml");

        ValidationPolicy policy = ValidationPolicyConfiguration.load(missing);

        assertThat(policy.rules()).hasSameSizeAs(ValidationPolicy.load(Path.of("config", "validation.yaml")).rules()).isNotEmpty();
        assertThat(output).contains("WARN").contains("No validation policy at " + missing.toAbsolutePath().normalize()
                + ": running on MedCom's validation policy packaged in the jar (classpath:config/validation.yaml)");
    }

    @Test
    void the_packaged_config_files_are_the_repositorys() throws Exception {
        for (String name : new String[] {"gateway.yaml", "outage.yaml", "duty.yaml", "escort.yaml", "discharge.yaml", "letters.yaml",
                "partners.yaml", "users.yaml", "validation.yaml"}) {
            try (var packaged = getClass().getClassLoader().getResourceAsStream("config/" + name)) {
                assertThat(packaged).as(name).isNotNull();
                assertThat(new String(packaged.readAllBytes())).as(name).isEqualTo(Files.readString(Path.of("config", name)));
            }
        }
    }

    @Test
    void without_a_config_dir_the_packaged_settings_apply() {
        StandardEnvironment environment = environment(Map.of("gateway.home", dir.toString()));

        assertThat(environment.getProperty("gateway.delivery.maximum-redeliveries")).isEqualTo("6");
        assertThat(environment.getProperty("gateway.outage.broadcast-threshold")).isEqualTo("2h");
        assertThat(environment.getProperty("gateway.letters.gateway-ean")).isEqualTo("5790000000000");
        assertThat(Path.of(environment.getProperty("gateway.partners-file"))).isEqualTo(dir.resolve("config/partners.yaml"));
    }

    @Test
    void a_file_in_the_config_dir_overrides_the_packaged_values_it_names_and_keeps_the_others() throws Exception {
        Path config = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(config.resolve("gateway.yaml"), "gateway:\n  delivery:\n    maximum-redeliveries: 9\n");
        Files.writeString(config.resolve("outage.yaml"), "gateway:\n  outage:\n    broadcast-threshold: 3h\n");

        StandardEnvironment environment = environment(Map.of("gateway.home", dir.toString(), "gateway.config-dir", config.toString()));

        assertThat(environment.getProperty("gateway.delivery.maximum-redeliveries")).isEqualTo("9");
        assertThat(environment.getProperty("gateway.outage.broadcast-threshold")).isEqualTo("3h");
        assertThat(environment.getProperty("gateway.delivery.redelivery-delay-ms")).isEqualTo("2000");
        assertThat(environment.getProperty("gateway.outage.drain-rate-per-second")).isEqualTo("10");
        assertThat(Path.of(environment.getProperty("gateway.users-file"))).isEqualTo(config.resolve("users.yaml"));
        assertThat(Path.of(environment.getProperty("gateway.validation-policy-file"))).isEqualTo(config.resolve("validation.yaml"));
    }

    @Test
    void the_demo_users_stand_in_only_while_the_operator_names_neither_the_users_file_nor_the_config_dir() throws Exception {
        Path config = Files.createDirectory(dir.resolve("site-config"));
        StandardEnvironment unnamed = environment(Map.of("gateway.home", dir.toString()));
        StandardEnvironment namedDir = environment(Map.of("gateway.home", dir.toString(), "gateway.config-dir", config.toString()));
        StandardEnvironment namedFile = environment(Map.of("gateway.home", dir.toString(),
                "gateway.users-file", config.resolve("users.yaml").toString()));

        assertThat(OperatorFile.USERS.namedByOperator(unnamed)).isFalse();
        assertThat(OperatorFile.USERS.namedByOperator(namedDir)).isTrue();
        assertThat(OperatorFile.USERS.namedByOperator(namedFile)).isTrue();
        Path missing = Path.of(namedDir.getProperty("gateway.users-file"));
        assertThatThrownBy(() -> UsersFile.load(missing, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No users file at " + missing.toAbsolutePath().normalize())
                .hasMessageContaining("does not start on the demo users");
        assertThat(UsersFile.load(Path.of(unnamed.getProperty("gateway.users-file")), false)).containsKey("admin");
    }

    @Test
    void spring_config_additional_location_still_overrides_both() throws Exception {
        Path config = Files.createDirectory(dir.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), "gateway:\n  delivery:\n    maximum-redeliveries: 9\n");
        Path additional = Files.writeString(dir.resolve("site.yaml"), "gateway:\n  delivery:\n    maximum-redeliveries: 11\n");

        StandardEnvironment environment = environment(Map.of("gateway.home", dir.toString(),
                "spring.config.additional-location", "file:" + additional));

        assertThat(environment.getProperty("gateway.delivery.maximum-redeliveries")).isEqualTo("11");
        assertThat(environment.getProperty("gateway.delivery.redelivery-delay-ms")).isEqualTo("2000");
    }

    /** The environment Spring Boot would start with, given these as command-line arguments. */
    private static StandardEnvironment environment(Map<String, Object> arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME); // no GATEWAY_HOME of the machine's
        MockPropertySource commandLine = new MockPropertySource("commandLineArgs");
        arguments.forEach(commandLine::setProperty);
        environment.getPropertySources().addFirst(commandLine);
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        ConfigurationPropertySources.attach(environment); // as SpringApplication does
        return environment;
    }
}
