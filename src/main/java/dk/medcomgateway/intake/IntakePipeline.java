package dk.medcomgateway.intake;

import org.apache.camel.Exchange;

/**
 * The steps {@code routes/intake-pipeline.yaml} calls for one kind of document: FHIR messages ({@link IntakeSteps})
 * and legacy letters ({@code LetterSteps}). Each step reads and writes the exchange's {@link IntakeContext}.
 */
public interface IntakePipeline {

    /** Reads the document and starts its context; a body that cannot be read throws a refusal. */
    void read(Exchange exchange);

    /** A receiver's answer (acknowledgement, receipt) about a message the gateway delivered: recorded, never answered in kind. */
    void answer(Exchange exchange);

    /** A key already answered: the same answer again, and no second delivery. */
    void duplicate(Exchange exchange);

    /**
     * MedCom MR8: a key the ledger already answered is answered again ({@code AlreadyAnsweredException}), not taken
     * again. Writes nothing: the arrival is recorded with the answer, in one transaction.
     */
    void checkUnanswered(Exchange exchange);

    /** Checks the content beyond reading it; what must be refused throws {@code MessageRejectedException}. */
    void validate(Exchange exchange);

    /** Finds the receivers. */
    void route(Exchange exchange);

    /** Records the arrival, the copies and the answer in one transaction, queues the copies and answers the sender. */
    void accept(Exchange exchange);

    /** The answers to what the pipeline could not take: refused (unreadable), rejected (content), or not now. */
    interface Failures {

        void refused(Exchange exchange);

        void rejected(Exchange exchange);

        void transientError(Exchange exchange);
    }
}
