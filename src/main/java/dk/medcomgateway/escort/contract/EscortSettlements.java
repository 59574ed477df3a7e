package dk.medcomgateway.escort.contract;

import dk.medcomgateway.escort.SettlementCalculator;
import dk.medcomgateway.escort.SettlementQuote;
import dk.medcomgateway.escort.SettlementRequest;
import dk.medcomgateway.escort.contract.EscortContract.Status;
import dk.medcomgateway.routing.PartnerDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Settlement of an accepted contract's course: the municipality reports it, the gateway prices
 * it with the agreement's rates (SettlementCalculator), keeps it, and sends it to the ward's EAN
 * as a CareCommunication with the amounts itemised and the settlement form attached.
 */
@Service
public class EscortSettlements {

    private final EscortContractStore store;
    private final SettlementCalculator calculator;
    private final ContractThread thread;
    private final PartnerDirectory partners;

    public EscortSettlements(EscortContractStore store, SettlementCalculator calculator, ContractThread thread,
                             PartnerDirectory partners) {
        this.store = store;
        this.calculator = calculator;
        this.thread = thread;
        this.partners = partners;
    }

    EscortContractStore.Settlement settle(long id, SettlementRequest reported, Contact contact, Caller caller) {
        EscortContract contract = store.find(id).orElseThrow(() -> EscortContractException.notFound(id));
        if (!caller.actsFor(partners.byCode(contract.municipality()).orElse(null))) {
            throw EscortContractException.forbidden("Only municipality " + contract.municipality() + " may settle escort contract " + id);
        }
        if (contact == null || !contact.isComplete()) {
            throw EscortContractException.invalid("The settlement needs a 'contact' with 'name' and 'phone'");
        }
        if (!Status.SETTLEABLE.contains(contract.status())) {
            throw new EscortContractException(HttpStatus.CONFLICT, "not-accepted",
                    "Escort contract " + id + " is " + contract.status().json() + "; only an accepted contract is settled");
        }
        SettlementQuote quote = calculator.quote(reported);
        long settlementId = store.insertSettlement(id, reported, quote, caller.name());
        String messageId;
        try {
            messageId = thread.sendToWard(contract, contact, EscortLetters.settlement(contract, settlementId, reported, quote),
                    "Afregningsblanket, ledsagelse nr. " + settlementId);
        } catch (RuntimeException e) {
            // An invoice the ward never gets is no settlement: keep none, and let the municipality report it again.
            store.deleteSettlement(settlementId);
            throw new EscortContractException(HttpStatus.SERVICE_UNAVAILABLE, "not-sent",
                    "The gateway could not send the settlement to the ward just now, and kept nothing; report it again");
        }
        store.settlementSent(settlementId, messageId);
        store.move(id, Status.SETTLEABLE, Status.SETTLED, caller.name(),
                "course settled: " + quote.amountDkk().toPlainString() + " DKK to EAN " + contract.wardEan(), messageId);
        return store.settlements(id).stream().filter(s -> s.id() == settlementId).findFirst().orElseThrow();
    }
}
