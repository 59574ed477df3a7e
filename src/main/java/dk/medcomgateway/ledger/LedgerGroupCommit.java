package dk.medcomgateway.ledger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * Writes the embedded H2 ledger's committed transactions to its file in groups. H2 with {@code WRITE_DELAY=0}
 * writes every commit on its own: a new chunk in the file with every page the transaction changed, the index pages
 * and the map roots above them included, so three commits per message wrote three chunks, most of it the same
 * upper pages again. Here a commit returns at once (H2's write delay) and its thread then waits in
 * {@link #awaitStored}: the first waiter writes everything committed so far in one store, and every commit that
 * finished before that store began is answered by it. Whoever arrives while a store runs waits for the next one.
 * So a transaction is on disk before its caller goes on, as before, but under load one store serves many.
 *
 * <p>While commits come side by side, the first waiter lingers before it writes, so that the commits of the threads
 * working beside it join the same store. Without it, at a steady 100 messages a second nearly every commit wrote a
 * chunk of its own, each with the changed table and index pages and every page above them up to the roots, about
 * four times a message. It lingers only after a commit arrived while the previous store lingered or wrote: a lone
 * writer (one request after another, a migration, the retention's deletes) has no one to wait for and writes at once.
 */
final class LedgerGroupCommit {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition storeDone = lock.newCondition();
    private final Condition lingerOver = lock.newCondition();
    /** The commits waiting for the next store to begin; guarded by {@link #lock}. */
    private Group open = new Group();
    private boolean storing;
    /** Whether a commit arrived while a store was lingering or being written since the last store began; guarded by {@link #lock}. */
    private boolean sideBySide;
    private final long lingerNanos;

    /** @param linger how long a store waits for more commits while commits come side by side; zero: never */
    LedgerGroupCommit(Duration linger) {
        this.lingerNanos = linger.toNanos();
    }

    /** The commits one store answers: the files they wrote to (one, unless H2 reopened its file), and the outcome. */
    private static final class Group {
        final Set<MVStore> stores = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean done;
        RuntimeException failure;
    }

    /**
     * Returns once everything committed on {@code store} before this call is written to its file; throws when that
     * write failed (H2 then closes the database, and the caller must treat its transaction as not stored).
     */
    void awaitStored(MVStore store) throws SQLException {
        lock.lock();
        try {
            Group mine = open;
            mine.stores.add(store);
            sideBySide |= storing;
            while (!mine.done) {
                if (storing) {
                    storeDone.awaitUninterruptibly();
                } else {
                    // No store runs, so no store has taken this group: it is still the open one. Write it.
                    storeGroup();
                }
            }
            if (mine.failure != null) {
                throw new SQLException("The ledger could not write its file: " + mine.failure, "08006", mine.failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void storeGroup() {
        storing = true;
        // Commits arriving from here on (during the linger or the write) make the next store linger.
        boolean linger = sideBySide && lingerNanos > 0;
        sideBySide = false;
        if (linger) {
            linger();
        }
        Group group = open;
        open = new Group();
        lock.unlock();
        RuntimeException failure = null;
        try {
            group.stores.forEach(LedgerGroupCommit::store);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
        }
        group.failure = failure;
        group.done = true;
        storing = false;
        storeDone.signalAll();
    }

    /** Waits the linger with the lock released: commits arriving meanwhile see a store running and join the open group. */
    private void linger() {
        long deadline = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; left > 0; left = deadline - System.nanoTime()) {
            try {
                lingerOver.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void store(MVStore store) {
        if (store.commit() < 0 && store.getFileStore() != null) {
            // Nothing left unsaved: H2's own background writer has taken it, and may still be writing it in the
            // file store's executors. This waits until they are empty.
            store.getFileStore().executeFileStoreOperation(() -> { });
        }
        if (store.isClosed()) {
            throw new IllegalStateException("the ledger's file store is closed");
        }
    }
}
