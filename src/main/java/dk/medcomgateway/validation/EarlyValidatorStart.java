package dk.medcomgateway.validation;

import dk.medcomgateway.fhir.FhirCodec;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Building and warming the profile validators takes about as long as starting the Spring context, and health waits
 * for both. The gateway's main() starts the validators first ({@link #begin()}) so that the two overlap, and the
 * context's ProfileValidator is that one. A context started without it (a test's) builds its own, as it starts.
 */
@Configuration(proxyBeanMethods = false)
public class EarlyValidatorStart {

    private static final AtomicReference<ProfileValidator> begun = new AtomicReference<>();

    /** Starts building and warming the validators on their own threads, for the context about to start. */
    public static void begin() {
        begun.compareAndSet(null, new ProfileValidator(new FhirCodec()));
    }

    @Bean
    ProfileValidator profileValidator(FhirCodec codec) {
        ProfileValidator early = begun.getAndSet(null);
        return early != null ? early : new ProfileValidator(codec);
    }
}
