package dk.medcomgateway.validation;

import static dk.medcomgateway.validation.MedComExamples.CODEC;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.support.BesideTheGatewayTests;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reusing module must give exactly HAPI's messages (severity, id, location, text, order) on the same
 * chain: for every MedCom example, the IG packages' Bundle examples and broken variants of one message per
 * standard, validated in a mixed order on one thread and from 4 threads at once, so that state one
 * validation leaves in a reused validator would show in a later one.
 */
@BesideTheGatewayTests
class ReusingInstanceValidatorModuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message to validate: its standard, its body and the profile the gateway adds when none is declared. */
    record Case(String name, MedComStandard standard, String body, List<String> addedProfiles) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<MedComStandard, FhirValidator> hapi = new EnumMap<>(MedComStandard.class);
    private static final Map<MedComStandard, FhirValidator> reusing = new EnumMap<>(MedComStandard.class);
    private static final Map<MedComStandard, ReusingInstanceValidatorModule> modules = new EnumMap<>(MedComStandard.class);
    private static final List<Case> cases = new ArrayList<>();
    /** HAPI's messages per case, each validated on a new InstanceValidator as HAPI does. */
    private static final Map<Case, List<String>> expected = new LinkedHashMap<>();

    @BeforeAll
    static void buildChainsAndExpectations() throws Exception {
        FhirContext context = CODEC.context();
        DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(context);
        PackageResources packages = new PackageResources(CODEC); // each package read once for the four chains, as the gateway does
        for (MedComStandard standard : MedComStandard.values()) {
            var chain = ProfileValidator.chain(standard, base, packages);
            FhirValidator plain = context.newValidator();
            plain.registerValidatorModule(new FhirInstanceValidator(chain));
            hapi.put(standard, plain);
            ReusingInstanceValidatorModule module = new ReusingInstanceValidatorModule(chain);
            FhirValidator withReuse = context.newValidator();
            withReuse.registerValidatorModule(module);
            reusing.put(standard, withReuse);
            modules.put(standard, module);
        }
        cases.addAll(examples());
        cases.addAll(packageExamples());
        cases.addAll(brokenVariants(MedComExamples.STIN));
        cases.addAll(brokenVariants(MedComExamples.ACK_OK));
        cases.addAll(brokenVariants(MedComExamples.CARE_COMMUNICATION));
        cases.addAll(brokenVariants(MedComExamples.EMPTY_MESSAGE));
        cases.add(brokenXmlDate());
        for (Case c : cases) {
            expected.put(c, messages(hapi.get(c.standard()), c));
        }
    }

    @Test
    void theCasesCoverEveryStandardAndTheBrokenVariantsReallyBreakTheirMessage() {
        assertThat(cases.stream().map(Case::standard).collect(Collectors.toSet())).containsExactlyInAnyOrder(MedComStandard.values());
        assertThat(cases.stream().filter(c -> c.name().endsWith(".xml"))).hasSizeGreaterThanOrEqualTo(1);
        for (Case c : cases) {
            if (c.name().contains(" broken: ")) {
                Case original = cases.stream().filter(o -> o.name().equals(c.name().substring(0, c.name().indexOf(" broken: "))))
                        .findFirst().orElseThrow();
                assertThat(expected.get(c)).as(c.name()).isNotEqualTo(expected.get(original));
            }
        }
        // Some variants must give errors, or the comparison would only ever see clean results.
        long withErrors = expected.values().stream().filter(m -> m.stream().anyMatch(s -> s.startsWith("error|"))).count();
        assertThat(withErrors).isGreaterThan(10);
        System.out.printf("%d cases, %d with errors, %d messages in all%n", cases.size(), withErrors,
                expected.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void oneThreadInMixedOrderGetsHapisMessages() {
        Map<MedComStandard, Integer> idleBefore = new EnumMap<>(MedComStandard.class);
        modules.forEach((standard, module) -> idleBefore.put(standard, module.idleValidators()));
        List<Case> mixed = new ArrayList<>(cases);
        Collections.shuffle(mixed, new Random(10));
        for (Case c : mixed) {
            assertThat(messages(reusing.get(c.standard()), c)).as(c.name()).isEqualTo(expected.get(c));
        }
        // One thread needs one validator per chain: a chain built none beyond what it had (one, if it had none).
        modules.forEach((standard, module) -> assertThat(module.idleValidators()).as(standard.toString())
                .isEqualTo(Math.max(1, idleBefore.get(standard))));
    }

    @Test
    void fourThreadsAtOnceGetHapisMessages() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Case> mixed = new ArrayList<>(cases);
                Collections.shuffle(mixed, new Random(t));
                results.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (Case c : mixed) {
                        List<String> actual = messages(reusing.get(c.standard()), c);
                        if (!actual.equals(expected.get(c))) {
                            mismatches.add(c.name() + ": expected " + expected.get(c) + " but got " + actual);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get(10, TimeUnit.MINUTES)).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        modules.forEach((standard, module) -> assertThat(module.idleValidators()).as(standard.toString()).isBetween(1, 4));
    }

    /**
     * No definition in the vendored packages is retired or deprecated, so the cases above never meet the
     * validator's once-per-validator hint about one (statusWarnings). Here a retired copy of an extension
     * is used by the same message twice: HAPI hints both times, and so must a reused validator.
     */
    @Test
    void aRetiredExtensionIsHintedOnEveryValidationAsByHapi() throws Exception {
        FhirContext context = CODEC.context();
        DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(context);
        String url = "http://medcomfhir.dk/ig/gateway-test/StructureDefinition/retired-data-absent-reason";
        StructureDefinition retired = ((StructureDefinition) base
                .fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/data-absent-reason")).copy();
        retired.setUrl(url).setStatus(Enumerations.PublicationStatus.RETIRED);
        for (ElementDefinition element : retired.getSnapshot().getElement()) {
            if (element.getPath().equals("Extension.url")) {
                element.setFixed(new UriType(url));
            }
        }
        PrePopulatedValidationSupport retiredDefinition = new PrePopulatedValidationSupport(context);
        retiredDefinition.addStructureDefinition(retired);
        ValidationSupportChain chain = new ValidationSupportChain(retiredDefinition,
                ProfileValidator.chain(MedComStandard.HOSPITAL_NOTIFICATION, base, new PackageResources(CODEC)));
        FhirValidator plain = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        FhirValidator withReuse = context.newValidator().registerValidatorModule(new ReusingInstanceValidatorModule(chain));

        ObjectNode bundle = (ObjectNode) JSON.readTree(MedComExamples.DIR.resolve(MedComExamples.STIN).toFile());
        extensions(resource(bundle, "MessageHeader")).addObject().put("url", url).put("valueCode", "unknown");
        Case c = new Case("STIN with a retired extension", MedComStandard.HOSPITAL_NOTIFICATION,
                JSON.writeValueAsString(bundle), List.of());
        List<String> hapiMessages = messages(plain, c);
        assertThat(hapiMessages).anyMatch(m -> m.contains("MSG_DEPENDS_ON_RETIRED"));
        assertThat(messages(withReuse, c)).isEqualTo(hapiMessages);
        assertThat(messages(withReuse, c)).isEqualTo(hapiMessages);
    }

    /** Everything HAPI reports about a message, as one line per message in the order reported. */
    private static List<String> messages(FhirValidator validator, Case c) {
        ValidationOptions options = new ValidationOptions();
        c.addedProfiles().forEach(options::addProfile);
        return validator.validateWithResult(c.body(), options).getMessages().stream()
                .map(ReusingInstanceValidatorModuleTest::line)
                .toList();
    }

    private static String line(SingleValidationMessage m) {
        return m.getSeverity().getCode() + "|" + m.getMessageId() + "|" + m.getLocationString() + "|"
                + m.getLocationLine() + ":" + m.getLocationCol() + "|" + m.getMessage() + "|" + m.getSliceMessages();
    }

    private static List<Case> examples() throws Exception {
        List<Case> examples = new ArrayList<>();
        for (Path file : MedComExamples.bundleFiles().toList()) {
            examples.add(asReceived(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
                    file.toString().endsWith(".xml") ? FhirFormat.XML : FhirFormat.JSON));
        }
        return examples;
    }

    /** Bundle examples of every vendored package that are messages of a known standard and not among the MedCom examples. */
    private static List<Case> packageExamples() throws Exception {
        Set<String> known = MedComExamples.bundleFiles().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        Set<String> packages = new java.util.TreeSet<>();
        for (MedComStandard standard : MedComStandard.values()) {
            packages.addAll(standard.packages());
        }
        List<Case> examples = new ArrayList<>();
        for (String name : packages) {
            NpmPackage npm = FhirPackages.load(name);
            for (String file : npm.list("example")) {
                if (file.startsWith("Bundle-") && file.endsWith(".json") && !known.contains(file)) {
                    try (InputStream in = npm.load("example", file)) {
                        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        Bundle bundle = (Bundle) CODEC.parse(body.getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);
                        if (bundle.getType() == Bundle.BundleType.MESSAGE && MedComStandard.of(bundle).isPresent()) {
                            examples.add(asReceived(name + "/" + file, body, FhirFormat.JSON));
                        }
                    }
                }
            }
        }
        assertThat(examples).as("package examples beyond the MedCom ones").isNotEmpty();
        return examples;
    }

    /** As ProfileValidator validates it: against its standard's message profile when it declares none of it. */
    private static Case asReceived(String name, String body, FhirFormat format) {
        Bundle bundle = (Bundle) CODEC.parse(body.getBytes(StandardCharsets.UTF_8), format);
        MedComStandard standard = MedComStandard.of(bundle).orElseThrow(() -> new IllegalStateException(name + " has no standard"));
        boolean declared = bundle.getMeta().getProfile().stream()
                .anyMatch(p -> MedComStandard.forProfile(p.getValue()).filter(standard::equals).isPresent());
        return new Case(name, standard, body, declared ? List.of() : List.of(standard.messageProfile()));
    }

    /** Seven ways to break one message, each alone, and the message without its profile. */
    private static List<Case> brokenVariants(String file) throws Exception {
        String original = Files.readString(MedComExamples.DIR.resolve(file), StandardCharsets.UTF_8);
        MedComStandard standard = asReceived(file, original, FhirFormat.JSON).standard();
        Map<String, Consumer<ObjectNode>> breakages = new LinkedHashMap<>();
        breakages.put("required element removed", b -> resource(b, "MessageHeader").remove("source"));
        breakages.put("wrong code", b -> ((ObjectNode) resource(b, "Provenance").get("activity").get("coding").get(0))
                .put("code", "no-such-activity"));
        breakages.put("unknown extension", b -> extensions(resource(b, "MessageHeader")).addObject()
                .put("url", "http://medcomfhir.dk/ig/nosuch/StructureDefinition/unknown-extension").put("valueString", "x"));
        breakages.put("wrong profile url", b -> ((ObjectNode) b.get("meta")).putArray("profile")
                .add("http://medcomfhir.dk/ig/nosuch/StructureDefinition/medcom-nosuch-message"));
        breakages.put("bad reference", b -> ((ObjectNode) resource(b, "MessageHeader").get("sender"))
                .put("reference", "Organization/does-not-exist"));
        breakages.put("bad date", b -> b.put("timestamp", "2023-13-45T25:61:00+01:00"));
        breakages.put("unknown element", b -> resource(b, "Provenance").put("fooBar", "x"));
        // Not broken, but validated against the profile the gateway adds instead of the declared one.
        breakages.put("no profile declared", b -> b.remove("meta"));
        List<Case> variants = new ArrayList<>();
        for (Map.Entry<String, Consumer<ObjectNode>> breakage : breakages.entrySet()) {
            ObjectNode bundle = (ObjectNode) JSON.readTree(original);
            breakage.getValue().accept(bundle);
            String name = file + (breakage.getKey().equals("no profile declared") ? " changed: " : " broken: ") + breakage.getKey();
            String body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
            // The gateway chose the standard before the breakage; a message without its profile gets it added.
            boolean declaresStandard = bundle.has("meta") && bundle.get("meta").toString().contains(standard.messageProfile());
            variants.add(new Case(name, standard, body, declaresStandard ? List.of() : List.of(standard.messageProfile())));
        }
        return variants;
    }

    private static Case brokenXmlDate() throws Exception {
        String file = MedComExamples.STIN.replace(".json", ".xml");
        String xml = Files.readString(MedComExamples.DIR.resolve(file), StandardCharsets.UTF_8);
        String broken = xml.replaceFirst("<timestamp value=\"[^\"]*\"", "<timestamp value=\"2023-13-45T25:61:00+01:00\"");
        assertThat(broken).isNotEqualTo(xml);
        return new Case(file + " broken: bad date", MedComStandard.HOSPITAL_NOTIFICATION, broken, List.of());
    }

    private static ArrayNode extensions(ObjectNode resource) {
        return resource.has("extension") ? (ArrayNode) resource.get("extension") : resource.putArray("extension");
    }

    private static ObjectNode resource(ObjectNode bundle, String type) {
        for (JsonNode entry : (ArrayNode) bundle.get("entry")) {
            if (type.equals(entry.path("resource").path("resourceType").asText())) {
                return (ObjectNode) entry.get("resource");
            }
        }
        throw new IllegalStateException("No " + type + " in the bundle");
    }
}
