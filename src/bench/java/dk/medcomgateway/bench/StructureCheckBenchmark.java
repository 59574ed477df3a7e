package dk.medcomgateway.bench;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.validation.MessageStructureCheck;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/** MessageStructureCheck.check, the cheap checks run before profile validation, on parsed Bundles (in µs: about 1 µs). */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StructureCheckBenchmark extends GatewayBenchmark {

    private MessageStructureCheck check;
    private Bundle stin;
    private Bundle careCommunication;

    @Setup
    public void setUp() {
        FhirCodec codec = new FhirCodec();
        check = new MessageStructureCheck(codec);
        stin = (Bundle) codec.parse(Examples.read(Examples.STIN + ".json"), FhirFormat.JSON);
        careCommunication = (Bundle) codec.parse(Examples.read(Examples.CARE_COMMUNICATION + ".json"), FhirFormat.JSON);
        if (!check.check(stin).isEmpty() || !check.check(careCommunication).isEmpty()) {
            throw new IllegalStateException("The examples should pass the structure check");
        }
    }

    @Benchmark
    public List<ValidationIssue> stin() {
        return check.check(stin);
    }

    @Benchmark
    public List<ValidationIssue> careCommunication() {
        return check.check(careCommunication);
    }
}
