package dk.medcomgateway.ack;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;

/** MedCom's official example messages, from examples/ in this repository. */
final class Fixtures {

    static final FhirCodec CODEC = new FhirCodec();

    static final String ACK_OK = "Bundle-a8c041b8-c65a-4fde-a90f-962076918834.json";
    static final String ACK_FATAL = "Bundle-bc9535ef-ed94-4060-a928-7baddec7ee71.json";
    static final String ACK_TRANSIENT = "Bundle-c9c2b2f6-0807-11ed-861d-0242ac120002.json";
    static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    static final String CARE_COMMUNICATION = "Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json";
    static final String CARE_COMMUNICATION_FORWARD = "Bundle-c0426e3e-978f-46e8-a366-a30f27854b0a.json";
    static final String EMPTY_MESSAGE = "Bundle-eb26be85-fdb7-454d-a980-95cba6d1745b.json";

    private static final Path EXAMPLES = Examples.DIR;

    private Fixtures() {
    }

    static Bundle bundle(String file) {
        try {
            return (Bundle) CODEC.parse(Files.readAllBytes(EXAMPLES.resolve(file)), FhirFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
