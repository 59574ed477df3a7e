package dk.medcomgateway.support.load;

import ca.uhn.fhir.context.FhirContext;
import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.fhir.FhirFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;

/**
 * MedCom's HospitalNotification and CareCommunication example messages (5-115 KB JSON) as an endless
 * feed of new messages: each copy gets a fresh MessageHeader.id and Bundle.id by string replacement,
 * so making one costs nothing next to what the gateway does with it. The header id is UUID-shaped and
 * carries the run's tag and the example it came from, so a receiver finds it in a delivered body with
 * one indexOf and answers with that example's acknowledgement.
 * <p>
 * The examples are one patient's notifications of one admission. Each pass through them gets new
 * episode-of-care ids and a CPR number of its own, so an episode holds one admission's handful of
 * notifications and a patient a handful of messages, as in real traffic, rather than every message of
 * the run.
 */
public final class MessageFeed {

    private static final Set<String> EVENTS = Set.of("hospital-notification-message", "care-communication-message");
    /** The patient of every example. */
    static final String EXAMPLE_CPR = "2509479989";
    private static final FhirContext FHIR = FhirContext.forR4();

    /** One example: its body, its own ids (replaced in each copy) and the receiver's ok acknowledgement of it. */
    record Template(String body, String headerId, String bundleId, String ack, String ackHeaderId, String ackBundleId,
                    List<String> episodeIds) {
    }

    private final List<Template> templates = new ArrayList<>();
    private final String headerTag;
    private final String bundleTag;
    private final String episodeTag;
    /** The examples' episode-of-care ids, each numbered by its place here in the copies' new ids. */
    private final List<String> exampleEpisodes = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    private final FhirFormat format;

    public MessageFeed(Path examples) {
        this(examples, FhirFormat.JSON);
    }

    /** A feed of the examples in JSON, as published, or converted to XML by HAPI. */
    public MessageFeed(Path examples, FhirFormat format) {
        this.format = format;
        int tag = ThreadLocalRandom.current().nextInt() & 0xfffffffe;
        headerTag = "%08x".formatted(tag);
        bundleTag = "%08x".formatted(tag | 1);
        episodeTag = "%08x".formatted(tag ^ 0x80000000);
        AcknowledgementFactory acks = new AcknowledgementFactory();
        try (Stream<Path> files = Files.list(examples)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("Bundle-.*\\.json")).sorted().toList()) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                Bundle bundle = (Bundle) FHIR.newJsonParser().parseResource(json);
                MessageHeader header = (MessageHeader) bundle.getEntryFirstRep().getResource();
                if (!EVENTS.contains(header.getEventCoding().getCode())) {
                    continue;
                }
                Bundle ack = acks.acknowledge(bundle, AckCode.OK, List.of());
                List<String> episodeIds = episodeIds(bundle);
                episodeIds.stream().filter(id -> !exampleEpisodes.contains(id)).forEach(exampleEpisodes::add);
                String body = format == FhirFormat.XML ? FHIR.newXmlParser().encodeResourceToString(bundle) : json;
                templates.add(new Template(body, header.getIdElement().getIdPart(), bundle.getIdElement().getIdPart(),
                        FHIR.newJsonParser().encodeResourceToString(ack),
                        ((MessageHeader) ack.getEntryFirstRep().getResource()).getIdElement().getIdPart(), ack.getIdElement().getIdPart(),
                        episodeIds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the MedCom examples in " + examples.toAbsolutePath(), e);
        }
        if (templates.isEmpty()) {
            throw new IllegalStateException("No HospitalNotification or CareCommunication example in " + examples.toAbsolutePath());
        }
    }

    /** A message to send: the next example in turn, with new ids. */
    public Message next() {
        long n = sequence.getAndIncrement();
        int index = (int) (n % templates.size());
        Template template = templates.get(index);
        String headerId = id(headerTag, index, n);
        String bundleId = id(bundleTag, index, n);
        String body = template.body().replace(template.headerId(), headerId).replace(template.bundleId(), bundleId);
        long pass = n / templates.size();
        for (String episodeId : template.episodeIds()) {
            body = body.replace(episodeId, id(episodeTag, exampleEpisodes.indexOf(episodeId), pass));
        }
        body = body.replace(EXAMPLE_CPR, cpr(pass));
        return new Message(headerId, body.getBytes(StandardCharsets.UTF_8), index, bundleId, cpr(pass));
    }

    /** The patient of a pass through the examples: a CPR number with a real date, different for 300 million passes. */
    static String cpr(long pass) {
        long day = 1 + pass % 28;
        long month = 1 + pass / 28 % 12;
        long year = pass / 336 % 100;
        long serial = 1000 + pass / 33_600 % 9000;
        return "%02d%02d%02d%04d".formatted(day, month, year, serial);
    }

    private static List<String> episodeIds(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast)
                .flatMap(encounter -> encounter.getEpisodeOfCare().stream())
                .map(reference -> reference.getIdentifier().getValue()).filter(value -> value != null && !value.isBlank())
                .distinct().toList();
    }

    /**
     * A copy of an example.
     *
     * @param example  the example it is a copy of, by its place in the feed (see {@link #example})
     * @param patient  its patient's CPR number
     */
    public record Message(String headerId, byte[] body, int example, String bundleId, String patient) {
    }

    /** The example body a copy was made from, unchanged. */
    byte[] example(int example) {
        return templates.get(example).body().getBytes(StandardCharsets.UTF_8);
    }

    /** The patient of a pass through the examples that has begun (for searches), or null before the first message. */
    public String patientSent(Random random) {
        long passes = (sequence.get() + templates.size() - 1) / templates.size();
        return passes == 0 ? null : cpr((long) (random.nextDouble() * passes));
    }

    /** The Content-Type of the feed's messages. */
    public String mediaType() {
        return format.mediaType();
    }

    public int examples() {
        return templates.size();
    }

    public List<Integer> sizes() {
        return templates.stream().map(t -> t.body().getBytes(StandardCharsets.UTF_8).length).toList();
    }

    /** The header id of a message of this feed in a body (a delivered copy), or null when there is none. */
    public String headerIdIn(String body) {
        int at = body.indexOf(headerTag + "-");
        return at < 0 ? null : body.substring(at, at + 36);
    }

    /** The ok acknowledgement a municipal system answers to the message with this header id. */
    public String ackFor(String headerId) {
        Template template = templates.get(Integer.parseInt(headerId.substring(9, 13), 16));
        return template.ack().replace(template.headerId(), headerId)
                .replace(template.ackHeaderId(), UUID.randomUUID().toString())
                .replace(template.ackBundleId(), UUID.randomUUID().toString());
    }

    private static String id(String tag, int template, long n) {
        return "%s-%04x-4%03x-8%03x-%012x".formatted(tag, template, (n >>> 48) & 0xfff, (n >>> 36) & 0xfff, n & 0xffffffffffffL);
    }
}
