package dk.medcomgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates messages offline against MedCom's published profiles, with one HAPI validation chain per
 * standard (each standard pins its own dependency versions). The chains are built once and warmed
 * on a background thread: the first validation of a chain costs seconds, later ones milliseconds.
 * FhirValidator is thread-safe once built, so one instance per standard serves all threads. The gateway's one is
 * made by {@link EarlyValidatorStart}.
 */
public class ProfileValidator {

    private static final Logger log = LoggerFactory.getLogger(ProfileValidator.class);

    private final FhirCodec codec;
    private final Map<MedComStandard, CompletableFuture<FhirValidator>> validators = new EnumMap<>(MedComStandard.class);
    /**
     * As many validations at a time as there are cores: one is CPU alone, and each holds tens of MB while it runs.
     * With every intake thread validating at once, 64 senders kept a 512 MB heap in full collections and answers
     * waited past answer-within (docs/performance.md, "Last full run").
     */
    private final Semaphore running = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    public ProfileValidator(FhirCodec codec) {
        this.codec = codec;
        for (MedComStandard standard : MedComStandard.values()) {
            validators.put(standard, new CompletableFuture<>());
        }
        // Building and warming all chains takes 10-20 s: not on the start-up thread. validate() waits for its chain.
        Thread warmUp = new Thread(this::buildAll, "profile-validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Errors and warnings (information is dropped) of a message against its standard's profiles.
     * A message of a standard the gateway does not know gets one error saying so.
     */
    public List<ValidationIssue> validate(Bundle bundle) {
        return validate(bundle, null);
    }

    /**
     * Like {@link #validate(Bundle)}, but validates the message as received. FhirCodec's lenient
     * parser drops unknown elements, so only the received body shows them to the validator.
     *
     * @param bundle the parsed body, which tells the standard
     * @param body   the received body (UTF-8 JSON or XML), or null to validate the parsed bundle
     */
    public List<ValidationIssue> validate(Bundle bundle, byte[] body) {
        Optional<MedComStandard> standard = MedComStandard.of(bundle);
        if (standard.isEmpty()) {
            return List.of(unknownStandard(bundle));
        }
        FhirValidator validator = validator(standard.get());
        running.acquireUninterruptibly();
        try {
            return validate(validator, standard.get(), bundle, body);
        } finally {
            running.release();
        }
    }

    /** True when every chain is built and warm. */
    public boolean isReady() {
        return validators.values().stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    /** State of each chain ("warming up", "ready" or "failed: ..."), for the health endpoint. */
    public Map<String, String> chainStates() {
        Map<String, String> states = new LinkedHashMap<>();
        validators.forEach((standard, future) -> states.put(standard.toString(), state(future)));
        return states;
    }

    private static String state(CompletableFuture<FhirValidator> future) {
        if (!future.isDone()) {
            return "warming up";
        }
        try {
            future.join();
            return "ready";
        } catch (CompletionException e) {
            return "failed: " + e.getCause();
        }
    }

    private FhirValidator validator(MedComStandard standard) {
        try {
            return validators.get(standard).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The " + standard + " validator could not be built", e.getCause());
        }
    }

    private static List<ValidationIssue> validate(FhirValidator validator, MedComStandard standard, Bundle bundle, byte[] body) {
        ValidationOptions options = new ValidationOptions();
        // A message chosen by event code may not declare its profile; validate against it anyway.
        boolean declared = bundle.getMeta().getProfile().stream()
                .anyMatch(p -> MedComStandard.forProfile(p.getValue()).filter(standard::equals).isPresent());
        if (!declared) {
            options.addProfile(standard.messageProfile());
        }
        ValidationResult result = body == null
                ? validator.validateWithResult(bundle, options)
                : validator.validateWithResult(new String(body, StandardCharsets.UTF_8), options);
        return result.getMessages().stream()
                .filter(m -> m.getSeverity() != ResultSeverityEnum.INFORMATION)
                .map(ProfileValidator::toIssue)
                .toList();
    }

    private static ValidationIssue toIssue(SingleValidationMessage message) {
        String errorCode = AckErrorCodes.forValidatorMessage(message.getMessageId(), message.getMessage());
        return new ValidationIssue(message.getSeverity().getCode(), errorCode, message.getLocationString(), message.getMessage(),
                message.getMessageId());
    }

    private static ValidationIssue unknownStandard(Bundle bundle) {
        String event = MessageBundles.eventCode(bundle);
        return ValidationIssue.error("MEDCOM_STANDARD_UNKNOWN", AckErrorCodes.UNABLE_TO_RECEIVE_MSG_TYPE, "Bundle.meta.profile",
                "The gateway does not know the standard of this message (profiles " + bundle.getMeta().getProfile()
                        + ", event " + event + "); it validates " + Arrays.toString(MedComStandard.values()));
    }

    private void buildAll() {
        // The base R4 definitions are the same for every standard: load them once, before the chains share them
        // (DefaultProfileValidationSupport loads its maps lazily and without a lock).
        DefaultProfileValidationSupport baseDefinitions = new DefaultProfileValidationSupport(codec.context());
        try {
            DefinitionText.drop(baseDefinitions.fetchAllStructureDefinitions());
            baseDefinitions.fetchCodeSystem("http://hl7.org/fhir/administrative-gender");
        } catch (RuntimeException e) {
            log.warn("Cannot preload the base R4 definitions; the chains will load what they need", e);
        }
        MedComStandard[] standards = MedComStandard.values();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), standards.length));
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "profile-validator-warm-up-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        PackageResources packages = new PackageResources(codec);
        try {
            // Building the chains is independent but for the packages they share, each read once: side by side.
            Map<MedComStandard, Future<BuiltChain>> chains = new EnumMap<>(MedComStandard.class);
            for (MedComStandard standard : standards) {
                chains.put(standard, pool.submit(() -> build(standard, baseDefinitions, packages)));
            }
            // The first warm-up converts the shared base definitions to R5, and HAPI keeps each conversion on its
            // base definition: the other chains reuse them, so they warm up after it (and side by side).
            warm(standards[0], chains.get(standards[0]), packages);
            for (int i = 1; i < standards.length; i++) {
                MedComStandard standard = standards[i];
                pool.execute(() -> warm(standard, chains.get(standard), packages));
            }
        } catch (Throwable e) { // whatever happens, validate() must not wait forever
            log.error("Cannot build the validators", e);
            validators.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            pool.shutdown();
        }
    }

    private record BuiltChain(FhirValidator validator, long buildMillis) {
    }

    private void warm(MedComStandard standard, Future<BuiltChain> chain, PackageResources packages) {
        try {
            BuiltChain built = chain.get();
            long start = System.nanoTime();
            warmUp(built.validator(), standard, packages.npm(standard.packages().get(0)));
            log.info("{} validator ready: chain built in {} ms, warm-up validation {} ms", standard,
                    built.buildMillis(), (System.nanoTime() - start) / 1_000_000);
            validators.get(standard).complete(built.validator());
        } catch (Throwable e) { // whatever happens, validate() must not wait forever
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.error("Cannot build the {} validator", standard, cause);
            validators.get(standard).completeExceptionally(cause);
        }
    }

    private BuiltChain build(MedComStandard standard, IValidationSupport baseDefinitions, PackageResources packages) {
        long start = System.nanoTime();
        FhirValidator validator = codec.context().newValidator();
        // HAPI's FhirInstanceValidator, but keeping HL7's InstanceValidator between validations.
        validator.registerValidatorModule(new ReusingInstanceValidatorModule(
                chain(standard, baseDefinitions, packages)));
        return new BuiltChain(validator, (System.nanoTime() - start) / 1_000_000);
    }

    /** The validation support of one standard: its pinned packages over the base R4 definitions. */
    static ValidationSupportChain chain(MedComStandard standard, IValidationSupport baseDefinitions, PackageResources packages) {
        IValidationSupport pinned = packages.support(standard.packages());
        FhirContext context = pinned.getFhirContext();
        // The HL7 terminology and extension packages are not vendored: their code systems give warnings, not errors.
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        return new ValidationSupportChain(
                pinned,
                baseDefinitions,
                new VersionedBaseProfileSupport(context, baseDefinitions),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownCodeSystems);
    }

    /**
     * One validation of the standard's own example message loads and snapshots everything it needs.
     * Errors there mean the package set is incomplete, which would reject valid messages: say so.
     */
    private void warmUp(FhirValidator validator, MedComStandard standard, NpmPackage npm) throws IOException {
        for (String file : npm.list("example")) {
            if (!file.startsWith("Bundle-")) {
                continue;
            }
            try (InputStream in = npm.load("example", file)) {
                Bundle example = (Bundle) codec.parse(in.readAllBytes(), FhirFormat.JSON);
                if (MedComStandard.of(example).filter(standard::equals).isPresent()) {
                    List<ValidationIssue> errors = validate(validator, standard, example, null).stream()
                            .filter(ValidationIssue::isError).toList();
                    if (!errors.isEmpty()) {
                        log.warn("{}'s own example {} has profile errors: {}", standard, file, errors);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("No example message of " + standard + " to warm up with");
    }
}
