package dk.medcomgateway.legacy;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.delivery.ReceiverAcks;
import dk.medcomgateway.intake.DuplicateAnswers;
import dk.medcomgateway.intake.IntakeContext;
import dk.medcomgateway.intake.IntakePipeline;
import dk.medcomgateway.intake.SenderCheck;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intake pipeline's steps for legacy letters ({@code routes/intake-pipeline.yaml}, route process-letter): read,
 * record, route, accept a letter and answer it with its receipt; or correlate a receipt a receiver sent.
 * Letters share the FHIR messages' ledger, duplicate store, partner directory and delivery queues.
 */
@Component("letterSteps")
public class LetterSteps implements IntakePipeline {

    static final String CHANNEL_GATEWAY = "gateway";

    private static final Logger log = LoggerFactory.getLogger(LetterSteps.class);

    private final LetterReader reader;
    private final SenderCheck senders;
    private final MessageLedger ledger;
    private final DeliveryLedger deliveries;
    private final PartnerDirectory directory;
    private final Receipts receipts;
    private final Dispatcher dispatcher;
    private final DuplicateAnswers duplicates;
    private final ReceiverAcks receiverAcks;
    private final PatientPseudonymizer pseudonymizer;
    private final TransactionTemplate transaction;

    public LetterSteps(LetterReader reader, SenderCheck senders, MessageLedger ledger, DeliveryLedger deliveries,
                       PartnerDirectory directory, Receipts receipts, Dispatcher dispatcher, DuplicateAnswers duplicates,
                       ReceiverAcks receiverAcks, PatientPseudonymizer pseudonymizer, TransactionTemplate transaction) {
        this.reader = reader;
        this.senders = senders;
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.directory = directory;
        this.receipts = receipts;
        this.dispatcher = dispatcher;
        this.duplicates = duplicates;
        this.receiverAcks = receiverAcks;
        this.pseudonymizer = pseudonymizer;
        this.transaction = transaction;
    }

    /** The letter of the exchange, or null before it was read. */
    static Letter letter(Exchange exchange) {
        return IntakeContext.document(exchange);
    }

    private static IntakeContext<Letter> context(Exchange exchange) {
        return IntakeContext.of(exchange);
    }

    static String channel(Exchange exchange) {
        return IntakeContext.channel(exchange);
    }

    @Override
    public void read(Exchange exchange) {
        Message in = exchange.getMessage();
        Letter letter = reader.read(in.getHeader(Exchange.CONTENT_TYPE, String.class), in.getBody(byte[].class));
        senders.check(Set.of(letter.senderEan()), in.getHeader(SenderCheck.ALLOWED_SENDERS_HEADER, String.class));
        IntakeContext.start(exchange, letter, letter.key(), letter.isReceipt());
    }

    @Override
    public void checkUnanswered(Exchange exchange) {
        duplicates.checkUnanswered(context(exchange));
    }

    /** Records the letter's arrival, in the transaction that records its answer; returns its ledger id. */
    long record(Exchange exchange) {
        Letter letter = letter(exchange);
        long id = ledger.recordArrival(arrival(letter, channel(exchange), letter.receiverEan()));
        ledger.event(id, null, "received", "via " + channel(exchange) + ", " + letter.type() + " letter " + letter.letterId()
                + " in envelope " + letter.envelopeId() + " (" + letter.charset().name() + ")");
        context(exchange).recorded(id);
        return id;
    }

    /** A letter is checked as it is read (envelope, syntax, character set); nothing is left to check here. */
    @Override
    public void validate(Exchange exchange) {
    }

    /** The receiver by its EAN location number (UNB recipient, Receiver/EANIdentifier), as for FHIR messages by GLN. */
    @Override
    public void route(Exchange exchange) {
        Letter letter = letter(exchange);
        Partner receiver = directory.byCode(letter.receiverEan()).orElseThrow(() -> new LetterFault(LetterFault.UNKNOWN_LOCATION,
                "Receiver EAN " + letter.receiverEan() + " is not in the gateway's partner directory", letter));
        context(exchange).routedTo(List.of(receiver));
    }

    /**
     * Stores the letter's arrival, its delivery, its receipt (none when the envelope asks for no positive one)
     * and the receipt's own copy back to the sender in one transaction; queues both after the commit.
     */
    @Override
    public void accept(Exchange exchange) {
        Letter letter = letter(exchange);
        Letter receipt = letter.positiveReceiptRequested() ? receipts.positive(letter) : null;
        byte[] answer = receipt == null ? new byte[0] : receipt.body();
        String answerType = receipt == null ? letter.contentType() : receipt.contentType();
        List<DeliveryLedger.Dispatch> copies = transaction.execute(tx -> {
            long ledgerId = record(exchange);
            List<DeliveryLedger.Dispatch> all = new ArrayList<>(deliveries.accept(ledgerId, letter.key(), letter.fileStem(),
                    letter.contentType(), letter.body(), patientHash(letter), context(exchange).receivers(), answer, answerType));
            if (receipt != null) {
                all.addAll(queueBack(ledgerId, receipt));
            }
            return all;
        });
        log.info("Accepted letter {} from {}", letter, letter.senderEan());
        copies.forEach(dispatcher::enqueueQuietly);
        LetterReplies.receipt(exchange, 200, answer, answerType, AckCode.OK.code());
    }

    /**
     * A receipt to the sender of the letter it answers, stored and delivered like any letter when
     * the sender is a partner; returns its copies, to be queued once the transaction commits.
     */
    List<DeliveryLedger.Dispatch> queueBack(long letterId, Letter receipt) {
        Optional<Partner> sender = receipt.receiverEan() == null ? Optional.empty() : directory.byCode(receipt.receiverEan());
        if (sender.isEmpty()) {
            ledger.event(letterId, null, "receipt", receipt.type() + " answered only to the caller: sender "
                    + receipt.receiverEan() + " is not in the partner directory");
            return List.of();
        }
        long id = ledger.recordArrival(arrival(receipt, CHANNEL_GATEWAY, sender.get().id()));
        ledger.event(id, null, "received", "written by the gateway: " + receipt.type() + " for letter "
                + receipt.answers().envelopeId() + " of " + receipt.answers().senderEan());
        ledger.event(letterId, sender.get().id(), "receipt", receipt.type() + " " + receipt.key() + " queued back to the sender");
        return deliveries.accept(id, receipt.key(), receipt.fileStem(), receipt.contentType(), receipt.body(), patientHash(receipt),
                List.of(sender.get()), new byte[0], receipt.contentType());
    }

    /** A letter key already answered: the same receipt again (or again none), and no second delivery. */
    @Override
    public void duplicate(Exchange exchange) {
        Letter letter = letter(exchange);
        MessageLedger.StoredAck stored = duplicates.awaitStoredAck(letter.key());
        ledger.event(stored.messageId(), null, "duplicate", "via " + channel(exchange) + "; answered with the same receipt ("
                + stored.code() + "), not delivered again");
        log.info("Duplicate of letter {} answered again", letter);
        LetterReplies.receipt(exchange, 200, stored.payload(), stored.contentType(), stored.code());
    }

    /**
     * A receipt (XCTL03, XCTL02) from a receiver about a letter the gateway delivered: recorded on
     * that letter like a receiver's acknowledgement (a negative one opens a support case); never
     * delivered on, never receipted.
     */
    @Override
    public void answer(Exchange exchange) {
        Letter receipt = letter(exchange);
        Letter.Answers answers = receipt.answers();
        Optional<Long> original = ledger.idOf(Letter.key(answers.senderEan(), answers.envelopeId()));
        if (original.isEmpty()) {
            log.warn("Receipt {} answers unknown letter {}", receipt, Letter.key(answers.senderEan(), answers.envelopeId()));
        } else {
            String issues = answers.positive() ? "" : answers.refuseCode() + (answers.refuseText() == null ? "" : " " + answers.refuseText());
            receiverAcks.recordAnswer(original.get(), directory.byCode(receipt.senderEan()).map(Partner::id),
                    answers.positive() ? AckCode.OK : AckCode.FATAL_ERROR, issues,
                    receipt.type() + " via " + channel(exchange), receipt.contentType(), receipt.body());
        }
        if (original.isPresent()) {
            LetterReplies.receipt(exchange, 200, new byte[0], null, ReceiverAcks.RECORDED);
        } else {
            LetterReplies.text(exchange, 404, "The receipt answers no letter this gateway delivered", ReceiverAcks.RECORDED);
        }
    }

    private MessageLedger.Arrival arrival(Letter letter, String channel, String receivers) {
        return new MessageLedger.Arrival(letter.key(), letter.fileStem(), letter.type(), letter.senderEan(), receivers,
                patientHash(letter), channel, letter.contentType(), letter.body());
    }

    private String patientHash(Letter letter) {
        return letter.cpr() == null ? null : pseudonymizer.hash(letter.cpr());
    }
}
