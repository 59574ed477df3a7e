package dk.medcomgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** MedCom's example messages, read from examples/ of this repository (or -Dbench.examples=DIR). */
final class Examples {

    /** HospitalNotification 3.0.2 STIN (14 KB JSON; an XML serialisation exists too). */
    static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d";
    /** CareCommunication 5.0.2 forward-message, the biggest example (115 KB JSON, JSON only). */
    static final String CARE_COMMUNICATION = "Bundle-c0426e3e-978f-46e8-a366-a30f27854b0a";
    /** Acknowledgement 2.0.3, ok. */
    static final String ACKNOWLEDGEMENT = "Bundle-a8c041b8-c65a-4fde-a90f-962076918834";
    /** Messaging 4.0.2 empty-message. */
    static final String EMPTY_MESSAGE = "Bundle-eb26be85-fdb7-454d-a980-95cba6d1745b";

    private Examples() {
    }

    static byte[] read(String name) {
        Path dir = Path.of(System.getProperty("bench.examples", "examples"));
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the MedCom example " + name + " from " + dir.toAbsolutePath()
                    + " (set -Dbench.examples=DIR)", e);
        }
    }
}
