package dk.medcomgateway.bench;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.validation.MessageStructureCheck;
import dk.medcomgateway.validation.ValidationIssue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** MessageStructureCheck.check, the cheap checks run before profile validation, on parsed Bundles (in µs: about 1 µs). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StructureCheckBenchmark {

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
