package dk.medcomgateway.bench;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
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

/** Building the ok Acknowledgement of a message and encoding it as JSON, as sent back to the sender. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AcknowledgementBenchmark {

    private FhirCodec codec;
    private AcknowledgementFactory factory;
    private Bundle stin;
    private Bundle careCommunication;

    @Setup
    public void setUp() {
        codec = new FhirCodec();
        factory = new AcknowledgementFactory();
        stin = (Bundle) codec.parse(Examples.read(Examples.STIN + ".json"), FhirFormat.JSON);
        careCommunication = (Bundle) codec.parse(Examples.read(Examples.CARE_COMMUNICATION + ".json"), FhirFormat.JSON);
    }

    @Benchmark
    public byte[] okAckStinJson() {
        return codec.encode(factory.acknowledge(stin, AckCode.OK, List.of()), FhirFormat.JSON);
    }

    @Benchmark
    public byte[] okAckCareCommunicationJson() {
        return codec.encode(factory.acknowledge(careCommunication, AckCode.OK, List.of()), FhirFormat.JSON);
    }
}
