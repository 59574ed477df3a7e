package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.message.AlreadyAnsweredException;
import dk.medcomgateway.support.LedgerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's unique key is the intake's duplicate store: an arrival is recorded in the transaction that stores its
 * answer, and a copy of the message that races that transaction is refused on the key once it commits.
 */
class ArrivalKeyTest {

    private JdbcTemplate jdbc;
    private MessageLedger messages;
    private TransactionTemplate transaction;

    @BeforeEach
    void ledger(@TempDir Path dir) {
        var dataSource = LedgerDatabase.migrated(dir);
        jdbc = new JdbcTemplate(dataSource);
        messages = new MessageLedger(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aCopyRacingAnOpenAcceptanceIsRefusedOnTheKeyWhenItCommits() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            long id = messages.recordArrival(arrival("mh-1"));
            messages.storeAck(id, "ok", "application/fhir+json", bytes("ok"));
            recorded.countDown();
            await(commit);
        }));
        assertThat(recorded.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> copy = CompletableFuture.supplyAsync(() ->
                transaction.execute(tx -> messages.recordArrival(arrival("mh-1"))));
        Thread.sleep(300); // the copy meets the open transaction's key (it would also be refused after the commit)
        commit.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> copy.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AlreadyAnsweredException.class);
        assertThat(messages.storedAck("mh-1")).map(MessageLedger.StoredAck::code).contains("ok");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE message_header_id = 'mh-1'", Integer.class)).isOne();
    }

    @Test
    void anAcceptanceRolledBackLeavesTheKeyFreeForTheRetry() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(tx -> {
            messages.recordArrival(arrival("mh-2"));
            throw new IllegalStateException("the broker is down");
        })).isInstanceOf(IllegalStateException.class);

        long id = transaction.execute(tx -> messages.recordArrival(arrival("mh-2")));

        assertThat(messages.idOf("mh-2")).contains(id);
    }

    @Test
    void aRowWithoutAnAnswerIsReusedAndOneWithAnAnswerIsNot() {
        long left = messages.recordArrival(arrival("mh-3"));

        long reused = messages.recordArrival(arrival("mh-3"));
        messages.storeAck(reused, "fatal-error", "application/fhir+json", bytes("fatal-error"));

        assertThat(reused).isEqualTo(left);
        assertThatThrownBy(() -> messages.recordArrival(arrival("mh-3"))).isInstanceOf(AlreadyAnsweredException.class);
    }

    private static MessageLedger.Arrival arrival(String messageHeaderId) {
        return new MessageLedger.Arrival(messageHeaderId, "b-" + messageHeaderId, "hospital-notification", "hospital",
                "herlev", null, "http", "application/fhir+json", bytes("the message as received"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
