package dk.medcomgateway.bench;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.validation.MedComStandard;
import dk.medcomgateway.validation.ProfileValidator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * ProfileValidator.validate(bundle, body) as the intake calls it, one MedCom example per standard.
 * The setup waits for the validator's own warm-up (all chains built and warm, 10-30 s) before JMH's.
 */
public class ProfileValidationBenchmark extends GatewayBenchmark {

    private static final Map<String, String> EXAMPLES = Map.of(
            "HospitalNotification-STIN", Examples.STIN,
            "CareCommunication", Examples.CARE_COMMUNICATION,
            "Acknowledgement", Examples.ACKNOWLEDGEMENT,
            "Messaging-empty", Examples.EMPTY_MESSAGE);

    @Param({"HospitalNotification-STIN", "CareCommunication", "Acknowledgement", "Messaging-empty"})
    public String message;

    private ProfileValidator validator;
    private Bundle bundle;
    private byte[] body;

    @Setup
    public void setUp() throws InterruptedException {
        FhirCodec codec = new FhirCodec();
        validator = new ProfileValidator(codec);
        body = Examples.read(EXAMPLES.get(message) + ".json");
        bundle = (Bundle) codec.parse(body, FhirFormat.JSON);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        while (!validator.isReady()) {
            if (validator.chainStates().values().stream().anyMatch(s -> s.startsWith("failed"))) {
                throw new IllegalStateException("A validator chain failed: " + validator.chainStates());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Validators not ready after 5 min: " + validator.chainStates());
            }
            Thread.sleep(100);
        }
        List<ValidationIssue> issues = validator.validate(bundle, body);
        System.out.printf("%n[setup] validators ready after %.1f s; %s (%s) gives %d issues (errors+warnings)%n",
                (System.nanoTime() - start) / 1e9, message, MedComStandard.of(bundle).orElse(null), issues.size());
    }

    @Benchmark
    public List<ValidationIssue> validate() {
        return validator.validate(bundle, body);
    }
}
