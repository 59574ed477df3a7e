package dk.medcomgateway.validation;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.codesystem.CodingsObserver;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HL7's InstanceValidator, built as HAPI's ValidatorWrapper builds it, but kept for many validations:
 * its constructor (OIDs read from a CSV, FHIRPath and profile utilities set up) was about a fifth of
 * validation CPU when HAPI built one per validation. One thread at a time.
 * <p>
 * validate() itself clears the per-validation state it keeps in fetchCache, resourceTracker, trackedMessages
 * and messagesToRemove, and reassigns executionId, baseOnly and validatedContent. What it does not clear
 * (read off the 6.7.9 bytecode) is cleared by {@link #forgetPreviousValidation()}:
 * <ul>
 * <li>statusWarnings: a deprecated, withdrawn or retired profile is hinted once per validator, so a second
 * message using it would lose its hint;</li>
 * <li>xhtmlElementMap, textsToCheck(Keys), the codings observer's list: they only grow, holding the element
 * trees and codings of every message validated;</li>
 * <li>crLookups and the session's objects: lookups of the previous message, to start as a new validator does.</li>
 * </ul>
 * The private fields are found when this class loads: a validator version without them fails loudly
 * (and ReusingInstanceValidatorModuleTest says whether results still match HAPI's).
 */
final class ReusableInstanceValidator extends InstanceValidator {

    private static final Field XHTML_ELEMENT_MAP = privateField(InstanceValidator.class, "xhtmlElementMap");
    private static final Field TEXTS_TO_CHECK = privateField(InstanceValidator.class, "textsToCheck");
    private static final Field TEXTS_TO_CHECK_KEYS = privateField(InstanceValidator.class, "textsToCheckKeys");
    private static final Field CANONICAL_LOOKUPS = privateField(InstanceValidator.class, "crLookups");
    private static final Field CODING_OBSERVER = privateField(InstanceValidator.class, "codingObserver");
    private static final Field OBSERVED_CODINGS = privateField(CodingsObserver.class, "list");

    private final IWorkerContext workerContext;
    private final IHostApplicationServices hostServices;

    /** @param hostServices HAPI's setting, or null for its NullEvaluationContext */
    ReusableInstanceValidator(IWorkerContext workerContext, IHostApplicationServices hostServices) {
        super(workerContext,
                hostServices != null ? hostServices : new FhirInstanceValidator.NullEvaluationContext(),
                new XVerExtensionManagerOld(workerContext), new ValidatorSession(), new ValidatorSettings());
        this.workerContext = workerContext;
        this.hostServices = hostServices;
    }

    /** True when built for this worker context and these host services (settings HAPI passes to the constructor). */
    boolean isFor(IWorkerContext context, IHostApplicationServices services) {
        return workerContext == context && hostServices == services;
    }

    /** Drops what the last validation left behind, so the next one starts as on a new validator. */
    void forgetPreviousValidation() {
        statusWarnings.clear();
        session.close();
        clear(XHTML_ELEMENT_MAP, this);
        clear(TEXTS_TO_CHECK, this);
        clear(TEXTS_TO_CHECK_KEYS, this);
        clear(CANONICAL_LOOKUPS, this);
        clear(OBSERVED_CODINGS, read(CODING_OBSERVER, this));
    }

    private static void clear(Field field, Object owner) {
        Object value = read(field, owner);
        if (value instanceof Collection<?> collection) {
            collection.clear();
        } else if (value instanceof Map<?, ?> map) {
            map.clear();
        } else if (value != null) {
            throw new IllegalStateException(field + " is neither a collection nor a map: " + value.getClass());
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }

    private static Field privateField(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(owner.getName() + " has no field " + name
                    + " any more: check what ReusableInstanceValidator must clear between validations", e);
        }
    }
}
