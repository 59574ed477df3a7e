package dk.medcomgateway.ledger;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Work that may fail on its own inside a larger transaction of the ledger. */
public final class Savepoints {

    private Savepoints() {
    }

    /**
     * A transaction template that runs its work in a savepoint of the current transaction (a transaction of its own if
     * there is none): work that fails is rolled back alone, and the transaction around it can still commit. On
     * PostgreSQL a failed statement otherwise ends the whole transaction.
     */
    public static TransactionTemplate savepoint(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return template;
    }
}
