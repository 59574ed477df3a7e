package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.contract.CareCommunications.Draft;
import dk.medcomgateway.escort.contract.CareCommunications.Form;
import dk.medcomgateway.escort.contract.CareCommunications.Party;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * The messages of one contract between its ward and its municipality: the contract itself, then
 * answers and settlements as replies to it, all in the contract's thread. Later messages take the
 * citizen from the contract message in the ledger, the only place the gateway keeps the CPR number.
 */
@Component
public class ContractThread {

    private final CareCommunications messages;
    private final EscortMessageSender sender;
    private final PartnerDirectory partners;
    private final MessageLedger ledger;
    private final FhirCodec codec;
    private final EscortContractProperties properties;

    public ContractThread(CareCommunications messages, EscortMessageSender sender, PartnerDirectory partners,
                          MessageLedger ledger, FhirCodec codec, EscortContractProperties properties) {
        this.messages = messages;
        this.sender = sender;
        this.partners = partners;
        this.ledger = ledger;
        this.codec = codec;
        this.properties = properties;
    }

    /** Sends the contract to the municipality; returns the message's MessageHeader.id. */
    String sendContract(EscortContract contract, Patient citizen, Contact author, List<String> text) {
        return sender.send(messages.build(new Draft(ward(contract), municipality(contract), citizen, contract.threadId(),
                topic(contract), author, String.join("\n", text), new Form("Ledsageaftale nr. " + contract.id(), TextPdf.of(text)),
                null)));
    }

    /** Sends a message from the municipality to the ward in reply to the contract message. */
    String sendToWard(EscortContract contract, Contact author, List<String> text, String formTitle) {
        return sender.send(messages.build(new Draft(municipality(contract), ward(contract), citizen(contract), contract.threadId(),
                topic(contract), author, String.join("\n", text), new Form(formTitle, TextPdf.of(text)), contract.messageHeaderId())));
    }

    String topic(EscortContract contract) {
        return properties.topic() + " nr. " + contract.id();
    }

    String wardName(EscortContract contract) {
        return partners.byCode(contract.wardSor()).map(Partner::name).orElse(contract.wardSor());
    }

    String municipalityName(EscortContract contract) {
        return partners.byCode(contract.municipality()).map(Partner::name).orElse(contract.municipality());
    }

    private Party ward(EscortContract contract) {
        return new Party(wardName(contract), contract.wardSor(), contract.wardEan());
    }

    private Party municipality(EscortContract contract) {
        Partner partner = partners.byCode(contract.municipality()).orElseThrow(() -> new IllegalStateException(
                "Municipality " + contract.municipality() + " of escort contract " + contract.id() + " left the partner directory"));
        return new Party(partner.name(), partner.sor(), partner.gln());
    }

    private Patient citizen(EscortContract contract) {
        return ledger.idOf(contract.messageHeaderId()).flatMap(ledger::message)
                .map(stored -> (Bundle) codec.parse(stored.payload(), FhirFormat.fromContentType(stored.contentType())))
                .flatMap(MessageBundles::patient)
                .orElseThrow(() -> new IllegalStateException("The message of escort contract " + contract.id() + " is not in the ledger"));
    }
}
