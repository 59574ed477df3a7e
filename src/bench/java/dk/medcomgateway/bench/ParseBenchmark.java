package dk.medcomgateway.bench;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * FhirCodec's parse of a whole message (bytes in, Bundle out), and the intake's parse without the narratives
 * ({@code parseReporting}), JSON and XML, small and big message. The CareCommunication example is published as JSON
 * only; its XML is HAPI's serialisation of it.
 */
public class ParseBenchmark extends GatewayBenchmark {

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

    @Benchmark
    public Object stinJsonAtIntake() {
        return codec.parseReporting(stinJson, FhirFormat.JSON).resource();
    }

    @Benchmark
    public Object stinXmlAtIntake() {
        return codec.parseReporting(stinXml, FhirFormat.XML).resource();
    }

    @Benchmark
    public Object careCommunicationJsonAtIntake() {
        return codec.parseReporting(careCommunicationJson, FhirFormat.JSON).resource();
    }

    @Benchmark
    public Object careCommunicationXmlAtIntake() {
        return codec.parseReporting(careCommunicationXml, FhirFormat.XML).resource();
    }
}
