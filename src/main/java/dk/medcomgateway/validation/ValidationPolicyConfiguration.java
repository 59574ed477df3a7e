package dk.medcomgateway.validation;

import dk.medcomgateway.config.GatewayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The validation policy the gateway runs on: {@code config/validation.yaml}, or the one packaged in the jar. */
@Configuration(proxyBeanMethods = false)
public class ValidationPolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidationPolicyConfiguration.class);

    /** The policy of the repository's config/validation.yaml, copied into the jar at build time. */
    static final String PACKAGED = "/config/validation.yaml";

    @Bean
    ValidationPolicy validationPolicy(GatewayProperties properties) {
        return load(properties.validationPolicyFile());
    }

    /** The policy in the file; when there is none, the packaged MedCom policy (said in the log). */
    public static ValidationPolicy load(Path file) {
        if (file != null && Files.exists(file)) {
            ValidationPolicy policy = ValidationPolicy.load(file);
            log.info("Validation policy {}: {} rules", file, policy.rules().size());
            return policy;
        }
        try (InputStream in = ValidationPolicyConfiguration.class.getResourceAsStream(PACKAGED)) {
            if (in == null) {
                throw new IllegalStateException("No validation policy at " + file + " and none packaged");
            }
            ValidationPolicy policy = ValidationPolicy.read(in);
            log.info("No validation policy at {}: running on the packaged MedCom policy ({} rules)", file, policy.rules().size());
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
