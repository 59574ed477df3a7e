package dk.medcomgateway.validation;

import java.util.Collection;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Drops, from the definitions a validation chain holds, the text written for people that validation never reads:
 * narratives, mappings to other standards, each element's definition, comment, requirements, aliases and examples,
 * its constraints' XPath and requirements and its binding's description. The
 * chains hold every base R4 definition and its R5 conversion, and this text was about a fifth of the heap of an idle
 * gateway (docs/performance.md, "Memory"). What validation checks (types, cardinalities, slicing, bindings,
 * constraints, fixed values and patterns) and the short descriptions its messages may quote stay.
 */
final class DefinitionText {

    private DefinitionText() {
    }

    /**
     * Drops the text in place; call it before a chain shares the resources with another thread. HAPI keeps one set of
     * base definitions per FhirContext, so every user of the gateway's context sees them without it.
     */
    static void drop(Collection<? extends IBaseResource> definitions) {
        for (IBaseResource resource : definitions) {
            if (resource instanceof DomainResource domain) {
                domain.setText(null);
            }
            if (resource instanceof StructureDefinition profile) {
                profile.setMapping(null);
                profile.setPurposeElement(null);
                profile.setCopyrightElement(null);
                if (profile.hasSnapshot()) { // has...() first: HAPI's get...() creates what it does not find
                    profile.getSnapshot().getElement().forEach(DefinitionText::drop);
                }
                if (profile.hasDifferential()) {
                    profile.getDifferential().getElement().forEach(DefinitionText::drop);
                }
            }
        }
    }

    private static void drop(ElementDefinition element) {
        element.setDefinitionElement(null);
        element.setCommentElement(null);
        element.setRequirementsElement(null);
        element.setAlias(null);
        element.setMapping(null);
        element.setExample(null);
        if (element.hasConstraint()) {
            // The validator evaluates a constraint's FHIRPath expression and quotes its human text; the XPath is R4's
            // alternative for XML tools.
            element.getConstraint().forEach(constraint -> {
                constraint.setXpathElement(null);
                constraint.setRequirementsElement(null);
            });
        }
        if (element.hasBinding()) {
            element.getBinding().setDescriptionElement(null);
        }
    }
}
