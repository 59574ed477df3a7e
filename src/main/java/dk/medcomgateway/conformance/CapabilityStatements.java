package dk.medcomgateway.conformance;

import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.intake.Replies;
import dk.medcomgateway.validation.MedComStandard;
import java.util.Date;
import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/metadata} ({@code routes/fhir-metadata.yaml}): what a FHIR client reads first. The gateway is
 * a FHIR messaging endpoint: it names its two operations, the formats, and the MedCom messages it receives, by
 * MessageDefinition where MedCom publishes one and by message profile always.
 */
@Component("capabilityStatements")
public class CapabilityStatements {

    static final String PROCESS_MESSAGE = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message";
    static final String VALIDATE = "http://hl7.org/fhir/OperationDefinition/Resource-validate";

    private final Replies replies;
    private final CapabilityStatement statement;

    public CapabilityStatements(Replies replies) {
        this.replies = replies;
        this.statement = build();
    }

    public void answer(Exchange exchange) {
        replies.resource(exchange, statement, FhirFormat.JSON, 200);
    }

    static CapabilityStatement build() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE).setDate(new Date()).setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1).setPublisher("MedCom gateway")
                .setDescription("A MedCom message gateway between hospitals and municipalities: it takes MedCom FHIR"
                        + " messages with $process-message, answers each with a MedCom Acknowledgement, and delivers it"
                        + " to its receiver. $validate gives the answer a message would get without taking it.");
        statement.getSoftware().setName("MedCom gateway").setVersion(version());
        statement.addFormat(FhirFormat.JSON.mediaType()).addFormat(FhirFormat.XML.mediaType()).addFormat("json").addFormat("xml");
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER)
                .setDocumentation("HTTP Basic authentication as a partner system. Answers follow _format, then Accept,"
                        + " then the request's own format; errors are OperationOutcomes.");
        rest.getSecurity().addService().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
                .setCode("Basic");
        rest.addOperation().setName("process-message").setDefinition(PROCESS_MESSAGE)
                .setDocumentation("POST [base]/$process-message with a MedCom message Bundle; the answer is its MedCom Acknowledgement");
        rest.addOperation().setName("validate").setDefinition(VALIDATE)
                .setDocumentation("POST [base]/$validate with a MedCom message Bundle; the answer is an OperationOutcome with the"
                        + " verdict the gateway would give and each finding as error or warning (nothing is stored)");
        CapabilityStatement.CapabilityStatementRestResourceComponent bundle = rest.addResource().setType("Bundle");
        CapabilityStatement.CapabilityStatementMessagingComponent messaging = statement.addMessaging()
                .setDocumentation("MedCom messages the gateway receives and validates offline: " + standards());
        for (MedComStandard standard : MedComStandard.values()) {
            bundle.addSupportedProfile(standard.messageProfile() + "|" + standard.version());
            if (standard.messageDefinition() != null) {
                messaging.addSupportedMessage().setMode(CapabilityStatement.EventCapabilityMode.RECEIVER)
                        .setDefinition(standard.messageDefinition());
            }
        }
        return statement;
    }

    private static String standards() {
        StringBuilder text = new StringBuilder();
        for (MedComStandard standard : MedComStandard.values()) {
            text.append(text.isEmpty() ? "" : ", ").append(standard).append(" (event ").append(standard.eventCode()).append(')');
        }
        return text.toString();
    }

    private static String version() {
        String version = CapabilityStatements.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
