package dk.medcomgateway.support.load;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.support.Examples;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class MessageFeedTest {

    private final MessageFeed feed = new MessageFeed(Examples.DIR);

    @Test
    void eachPassThroughTheExamplesIsAPatientOfItsOwn() {
        List<String> firstPass = IntStream.range(0, feed.examples()).mapToObj(i -> body(feed.next())).toList();
        String secondPassMessage = body(feed.next());

        assertThat(firstPass).allSatisfy(body -> assertThat(body).contains(MessageFeed.cpr(0))
                .doesNotContain(MessageFeed.EXAMPLE_CPR));
        assertThat(secondPassMessage).contains(MessageFeed.cpr(1)).doesNotContain(MessageFeed.cpr(0));
    }

    @Test
    void patientsAreCprNumbersWithARealDateAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (long pass = 0; pass < 100_000; pass += 7) {
            String cpr = MessageFeed.cpr(pass);
            assertThat(cpr).hasSize(10).containsOnlyDigits();
            LocalDate.parse(cpr.substring(0, 4) + "20" + cpr.substring(4, 6), DateTimeFormatter.ofPattern("ddMMyyyy"));
            assertThat(seen.add(cpr)).as("pass %d repeats %s", pass, cpr).isTrue();
        }
    }

    @Test
    void aSearchedPatientIsOneThatWasSent() {
        Random random = new Random(1);
        assertThat(feed.patientSent(random)).isNull();
        IntStream.range(0, feed.examples() + 1).forEach(i -> feed.next());

        assertThat(IntStream.range(0, 20).mapToObj(i -> feed.patientSent(random)))
                .allMatch(cpr -> cpr.equals(MessageFeed.cpr(0)) || cpr.equals(MessageFeed.cpr(1)));
    }

    @Test
    void anXmlFeedSendsTheSameMessagesInXmlWithTheirNewIds() {
        MessageFeed xml = new MessageFeed(Examples.DIR, FhirFormat.XML);
        for (int i = 0; i < xml.examples(); i++) {
            MessageFeed.Message message = xml.next();
            Bundle bundle = (Bundle) FhirContext.forR4Cached().newXmlParser().parseResource(body(message));
            assertThat(bundle.getIdElement().getIdPart()).isEqualTo(message.bundleId());
            assertThat(bundle.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(message.headerId());
            assertThat(body(message)).contains(MessageFeed.cpr(0)).doesNotContain(MessageFeed.EXAMPLE_CPR);
        }
        assertThat(xml.mediaType()).isEqualTo("application/fhir+xml");
    }

    private static String body(MessageFeed.Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
