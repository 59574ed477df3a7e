package dk.medcomgateway.bench;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** Building the ok Acknowledgement of a message and encoding it as JSON, as sent back to the sender. */
public class AcknowledgementBenchmark extends GatewayBenchmark {

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
