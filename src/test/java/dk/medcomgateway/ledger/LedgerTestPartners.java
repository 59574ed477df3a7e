package dk.medcomgateway.ledger;

import dk.medcomgateway.routing.Partner;

/** Receivers for tests of the ledger (its own, and bench/ledger-writes.sh): a partner that takes its copies in a folder, and nothing else. */
public final class LedgerTestPartners {

    private LedgerTestPartners() {
    }

    public static Partner fileDrop(String name) {
        return new Partner(name, name + "-sor", null, new Partner.Delivery(null, null, "outbox/" + name), null, null, null);
    }
}
