package dk.medcomgateway.bench;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
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

/**
 * FhirCodec.parse as the intake calls it (bytes in, Bundle out), JSON and XML, small and big message.
 * The CareCommunication example is published as JSON only; its XML is HAPI's serialisation of it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ParseBenchmark {

    private FhirCodec codec;
    private byte[] stinJson;
    private byte[] stinXml;
    private byte[] careCommunicationJson;
    private byte[] careCommunicationXml;

    @Setup
    public void setUp() {
        codec = new FhirCodec();
        stinJson = Examples.read(Examples.STIN + ".json");
        stinXml = Examples.read(Examples.STIN + ".xml");
        careCommunicationJson = Examples.read(Examples.CARE_COMMUNICATION + ".json");
        careCommunicationXml = codec.encode(codec.parse(careCommunicationJson, FhirFormat.JSON), FhirFormat.XML);
    }

    @Benchmark
    public IBaseResource stinJson() {
        return codec.parse(stinJson, FhirFormat.JSON);
    }

    @Benchmark
    public IBaseResource stinXml() {
        return codec.parse(stinXml, FhirFormat.XML);
    }

    @Benchmark
    public IBaseResource careCommunicationJson() {
        return codec.parse(careCommunicationJson, FhirFormat.JSON);
    }

    @Benchmark
    public IBaseResource careCommunicationXml() {
        return codec.parse(careCommunicationXml, FhirFormat.XML);
    }
}
