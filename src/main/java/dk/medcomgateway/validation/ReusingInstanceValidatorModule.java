package dk.medcomgateway.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.XmlUtil;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * HAPI's FhirInstanceValidator (same settings, defaults and messages) that reuses HL7's InstanceValidator
 * instead of building one per validation as HAPI's package-private ValidatorWrapper does. Idle validators
 * wait in a pool; a validation takes one or, when all are busy, builds one, so a chain holds as many as
 * it has ever run validations at once. {@link #validate(IValidationContext)} is ValidatorWrapper.validate
 * of HAPI 8.8.1 apart from where the InstanceValidator comes from.
 */
public class ReusingInstanceValidatorModule extends FhirInstanceValidator {

    private static final Logger log = LoggerFactory.getLogger(ReusingInstanceValidatorModule.class);

    /** Thread-safe; HAPI makes one per validation. */
    private static final Gson GSON = new Gson();

    private final Deque<ReusableInstanceValidator> idle = new ConcurrentLinkedDeque<>();

    public ReusingInstanceValidatorModule(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    /** Validators built so far and not in use, for tests. */
    int idleValidators() {
        return idle.size();
    }

    @Override
    public void invalidateCaches() {
        idle.clear(); // their canonical lookups are caches too
        super.invalidateCaches();
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        IWorkerContext workerContext = provideWorkerContext();
        ReusableInstanceValidator validator = take(workerContext);
        // A validation that throws leaves the validator in a state nobody has read: it is not put back.
        List<ValidationMessage> messages = validate(validator, workerContext, context);
        validator.forgetPreviousValidation();
        idle.push(validator);
        return messages;
    }

    private ReusableInstanceValidator take(IWorkerContext workerContext) {
        ReusableInstanceValidator validator;
        while ((validator = idle.poll()) != null) {
            if (validator.isFor(workerContext, getHostApplicationServices())) {
                return validator;
            }
            // Built before setValidationSupport or setHostApplicationServices: dropped.
        }
        return new ReusableInstanceValidator(workerContext, getHostApplicationServices());
    }

    /** ValidatorWrapper's settings, applied on every use so that later setter calls count as they do in HAPI. */
    private void configure(ReusableInstanceValidator v) {
        v.setAssumeValidRestReferences(isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        // HAPI keeps this fixed because of UnknownCodeSystemWarningValidationSupport.
        v.setUnknownCodeSystemsCauseErrors(true);
        // HAPI adds the domains to a new validator's empty list; a reused one must not add them again.
        v.getExtensionDomains().clear();
        v.getExtensionDomains().addAll(getExtensionDomains());
        v.setFetcher(getValidatorResourceFetcher());
        v.setPolicyAdvisor(getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        v.setAllowExamples(isAllowExamples());
        v.setAllowXsiLocation(true);
    }

    private List<ValidationMessage> validate(ReusableInstanceValidator v, IWorkerContext workerContext,
            IValidationContext<?> context) {
        configure(v);
        List<ValidationMessage> messages = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            addProfile(workerContext, url, profiles, unknownProfiles);
        }
        String input = context.getResourceAsString();
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        EncodingEnum encoding = context.getResourceAsStringEncoding();
        if (encoding == EncodingEnum.XML) {
            Document document;
            try {
                document = XmlUtil.parseDocument(input);
            } catch (Exception e) {
                // Only the type: a parser's message may quote the input, and so a CPR number.
                log.warn("The validator could not parse the XML input ({})", e.getClass().getName());
                ValidationMessage m = new ValidationMessage();
                m.setLevel(ValidationMessage.IssueSeverity.FATAL);
                m.setMessage("Failed to parse input, it does not appear to be valid XML:" + e.getMessage());
                messages.add(m);
                return messages;
            }
            for (String url : xmlMetaProfiles(document)) {
                addProfile(workerContext, url, profiles, unknownProfiles);
            }
            v.validate(null, messages, in, Manager.FhirFormat.XML, profiles);
        } else if (encoding == EncodingEnum.JSON) {
            JsonObject meta = GSON.fromJson(input, JsonObject.class).getAsJsonObject("meta");
            JsonElement metaProfiles = meta == null ? null : meta.get("profile");
            if (metaProfiles != null && metaProfiles.isJsonArray()) {
                for (JsonElement url : metaProfiles.getAsJsonArray()) {
                    addProfile(workerContext, url.getAsString(), profiles, unknownProfiles);
                }
            }
            v.validate(context.getOptions().getAppContext(), messages, in, Manager.FhirFormat.JSON, profiles);
        } else {
            throw new IllegalArgumentException("Unknown encoding: " + encoding);
        }
        if (profiles.isEmpty()) {
            messages.addAll(unknownProfiles);
        }
        // HAPI drops these two; its comment asks whether they are still needed.
        messages.removeIf(m -> I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(m.getMessageId())
                || (I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(m.getMessageId())
                        && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
        for (ValidationMessage m : messages) {
            if (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
                    || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId())) {
                m.setLevel(isErrorForUnknownProfiles() ? ValidationMessage.IssueSeverity.ERROR
                        : ValidationMessage.IssueSeverity.WARNING);
            }
        }
        return messages;
    }

    private static void addProfile(IWorkerContext workerContext, String url, List<StructureDefinition> profiles,
            List<ValidationMessage> unknownProfiles) {
        try {
            StructureDefinition profile = workerContext.fetchResource(StructureDefinition.class, url);
            if (profile != null) {
                profiles.add(profile);
            } else {
                ValidationMessage m = new ValidationMessage();
                m.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
                m.setLevel(ValidationMessage.IssueSeverity.ERROR);
                m.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
                unknownProfiles.add(m);
            }
        } catch (FHIRException e) {
            log.debug("Failed to load profile: {}", url);
        }
    }

    /** meta.profile of an XML resource, read as HAPI reads it. */
    private static List<String> xmlMetaProfiles(Document document) {
        List<String> urls = new ArrayList<>();
        NodeList children = document.getChildNodes().item(0).getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equalsIgnoreCase("meta")) {
                NodeList meta = children.item(i).getChildNodes();
                for (int j = 0; j < meta.getLength(); j++) {
                    if (meta.item(j).getNodeName().equalsIgnoreCase("profile")) {
                        urls.add(meta.item(j).getAttributes().item(0).getNodeValue());
                    }
                }
                break;
            }
        }
        return urls;
    }
}
