package dk.medcomgateway.ledger;

import java.util.UUID;

/**
 * Ids for the ledger's delivery and copy rows: UUIDs of version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and whose other 74 bits are random, as in {@link UUID#randomUUID()}. Their text sorts by time.
 *
 * <p>Why: a row keyed by a random UUID lands on a random page of its table and of each index that ends in the key, and
 * H2 writes every page a commit touched. Rows made about the same time with these ids share the table's last pages,
 * so a commit of many messages writes a few pages instead of one per row. PostgreSQL's B-trees gain the same way.
 */
final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;

    private TimeOrderedIds() {
    }

    static String next() {
        UUID random = UUID.randomUUID();
        long timeAndVersion = (System.currentTimeMillis() << 16) | VERSION_7 | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(timeAndVersion, random.getLeastSignificantBits()).toString();
    }
}
