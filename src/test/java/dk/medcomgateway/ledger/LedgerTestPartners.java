package dk.medcomgateway.ledger;

import dk.medcomgateway.routing.Partner;

/** Receivers for the ledger's own tests: a partner that takes its copies in a folder, and nothing else. */
final class LedgerTestPartners {

    private LedgerTestPartners() {
    }

    static Partner fileDrop(String name) {
        return new Partner(name, name + "-sor", null, new Partner.Delivery(null, null, "outbox/" + name), null, null, null);
    }
}
