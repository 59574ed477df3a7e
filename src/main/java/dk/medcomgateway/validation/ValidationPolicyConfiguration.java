package dk.medcomgateway.validation;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.config.OperatorFile;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The validation policy the gateway runs on: {@code config/validation.yaml}, or when it is absent, MedCom's
 * policy packaged in the jar (see {@link OperatorFile}).
 */
@Configuration(proxyBeanMethods = false)
public class ValidationPolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ValidationPolicyConfiguration.class);

    @Bean
    ValidationPolicy validationPolicy(GatewayProperties properties) {
        return load(properties.validationPolicyFile());
    }

    /** The policy in the file; when there is none, the packaged MedCom policy (said in the log). */
    public static ValidationPolicy load(Path file) {
        return OperatorFile.VALIDATION_POLICY.read(file, (in, source) -> {
            ValidationPolicy policy;
            try {
                policy = ValidationPolicy.read(in);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot read the validation policy " + source + ": " + e.getMessage(), e);
            }
            log.info("Validation policy {}: {} rules", source, policy.rules().size());
            return policy;
        });
    }
}
