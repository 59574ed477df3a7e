package dk.medcomgateway.cluster;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.ArtemisBroker;
import dk.medcomgateway.support.process.GatewayProcess;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaled set-up surviving a crash of a gateway instance and of the live broker at once: two packaged
 * gateway processes on an Artemis live/backup pair (shared store) through the client's HA URL and on one
 * PostgreSQL. Several senders stream messages for several receivers to both instances, each resending a
 * message to the other instance when an answer is lost, and sending every fifth message again to the other
 * instance as a duplicate. Mid-stream one gateway and the live broker are killed with SIGKILL; the killed
 * gateway is started again. Receivers never acknowledge, so the acknowledgement-timeout timer resends each
 * message once and then opens one support case, with both instances ticking. A copy the killed instance had
 * handed over but not yet recorded goes once more (at most one per receiver); the ledger records every
 * message handed over exactly once plus its resend.
 *
 * <p>Order promised (docs/production.md): for one sender, one receiver and one patient (every message here is about
 * MedCom's test patient), messages are handed over
 * in the order the gateway answered them {@code ok}, when the sender waits for each answer before sending the
 * next, whichever instance took each in. A message whose answer was lost in a crash is exempt: its stored copy
 * is queued when it is recovered, possibly after messages the sender sent later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerFailoverIT {

    private static final Map<String, String> RECEIVERS = new LinkedHashMap<>(Map.of(
            EnvelopeFixtures.STIN_RECEIVER_SOR, "/herlev", "265161000016000", "/r2", "1042981000016003", "/r3"));
    private static final int SENDERS = 3;
    private static final int MESSAGES_PER_SENDER = 36;
    private static final int KILL_GATEWAY_AFTER = 20;
    private static final int KILL_BROKER_AFTER = 35;
    private static final int MAX_RESENDS = 1;
    private static final long ACK_TIMEOUT_MS = 25_000;
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private List<ArtemisBroker> brokers = List.of();
    private TwoInstances instances;

    /** One message a sender has had answered ok, in the order of that sender's ok answers. */
    private record Accepted(int sender, String receiverPath, String headerId, boolean answerLost) {
    }

    @BeforeAll
    void startBrokerPairAndTwoInstances() throws Exception {
        TwoInstances.assumePostgres();
        Assumptions.assumeTrue(ArtemisBroker.home() != null, "No Artemis distribution under target/artemis-broker (mvn verify unpacks it); skipping");
        try {
            long started = System.nanoTime();
            brokers = ArtemisBroker.sharedStorePair(work.resolve("brokers"));
            brokers.get(0).start(Duration.ofSeconds(90));
            brokers.get(1).start(Duration.ofSeconds(90));
            System.out.printf("broker fail-over: broker pair up after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            instances = new TwoInstances(work, "broker-failover", List.of(
                    "--spring.artemis.mode=native",
                    "--spring.artemis.embedded.enabled=false",
                    "--spring.artemis.broker-url=" + ArtemisBroker.haUrl(brokers),
                    "--spring.artemis.user=" + ArtemisBroker.USER,
                    "--spring.artemis.password=" + ArtemisBroker.PASSWORD,
                    "--gateway.acknowledgement.timeout-ms=" + ACK_TIMEOUT_MS,
                    "--gateway.acknowledgement.max-resends=" + MAX_RESENDS,
                    "--gateway.acknowledgement.check-interval-ms=1000",
                    "--gateway.delivery.requeue-after-ms=3000",
                    // an instance killed holding a timer's lock holds that timer up at most this long
                    "--gateway.cluster.maximum-hold=15s"), RECEIVERS);
            System.out.printf("broker fail-over: both instances healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception | Error e) {
            stopAll();
            throw e;
        }
    }

    @AfterAll
    void stopAll() throws Exception {
        if (instances != null) {
            instances.close();
        }
        for (ArtemisBroker broker : brokers) {
            broker.close();
        }
    }

    @Test
    void killing_a_gateway_and_the_live_broker_mid_stream_loses_nothing_doubles_nothing_and_keeps_each_senders_order() throws Exception {
        List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger duplicatesAnsweredOk = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(SENDERS + 1);
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(threads.submit(() -> stream(sender, accepted, duplicatesAnsweredOk)));
            }
            Future<?> chaos = threads.submit(() -> crashMidStream(accepted));
            for (Future<?> sender : senders) {
                sender.get();
            }
            chaos.get();
        } finally {
            threads.shutdownNow();
        }
        assertThat(brokers.get(1).listening()).as("the backup broker took over").isTrue();

        Set<String> ids = accepted.stream().map(Accepted::headerId).collect(Collectors.toSet());
        assertThat(ids).hasSize(SENDERS * MESSAGES_PER_SENDER);
        String cases = "SELECT count(*) FROM support_case WHERE kind = 'no-acknowledgement'";
        // First copies, then the acknowledgement-timeout's resends and cases, once across both instances.
        await().atMost(Duration.ofMillis(ACK_TIMEOUT_MS).plusMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> instances.database.number(cases) >= ids.size() && copiesById().values().stream().allMatch(n -> n >= 1 + MAX_RESENDS));
        Thread.sleep(5000);

        Map<String, Long> copies = copiesById();
        long lost = ids.stream().filter(id -> !copies.containsKey(id)).count();
        Map<String, Long> extraCopies = copies.entrySet().stream().filter(e -> e.getValue() > 1 + MAX_RESENDS)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - 1 - MAX_RESENDS));
        String recordedOtherwise = "SELECT count(*) FROM (SELECT message_id FROM message_event WHERE step = 'delivered'"
                + " GROUP BY message_id HAVING count(*) <> ?) odd";
        System.out.printf("broker fail-over: %d accepted (%d after a lost answer), %d duplicates sent to the other instance"
                        + " answered ok, %d copies received, %d lost, extra copies %s, %d no-acknowledgement cases,"
                        + " %d rows in the message ledger%n",
                ids.size(), accepted.stream().filter(Accepted::answerLost).count(), duplicatesAnsweredOk.get(),
                copies.values().stream().mapToLong(Long::longValue).sum(), lost, extraCopies,
                instances.database.number(cases), instances.database.number("SELECT count(*) FROM message"));

        assertThat(lost).as("accepted messages never handed over").isZero();
        assertThat(copies.keySet()).as("nothing handed over that was not accepted").isEqualTo(ids);
        assertThat(instances.database.number(recordedOtherwise, 1 + MAX_RESENDS))
                .as("messages the ledger records as handed over other than once plus the timer's resends").isZero();
        // The one copy the gateway cannot keep from going twice: a hand-over the killed instance had made
        // (the receiver answered) but not yet recorded. The other instance hands it over again; the receiver
        // knows it by its MessageHeader.id, as a MedCom resend. At most one per receiver queue.
        assertThat(extraCopies).as("copies beyond the first and the timer's resends").hasSizeLessThanOrEqualTo(RECEIVERS.size())
                .allSatisfy((id, extra) -> assertThat(extra).isEqualTo(1));
        assertThat(instances.database.number("SELECT count(*) FROM message")).as("duplicates stored once").isEqualTo(ids.size());
        assertThat(instances.database.number(cases)).as("one case per message, however many instances tick").isEqualTo(ids.size());
        assertOrderKept(accepted);
    }

    /** One sender: its messages round-robin over the receivers and the two instances, waiting for each answer. */
    private void stream(int sender, List<Accepted> accepted, AtomicInteger duplicatesAnsweredOk) {
        List<String> sors = new ArrayList<>(RECEIVERS.keySet());
        for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
            String sor = sors.get((i + sender) % sors.size());
            String json = Examples.addressedTo(Examples.freshStin(), sor);
            boolean answerLost = sendUntilOk(json, (i + sender) % 2);
            accepted.add(new Accepted(sender, RECEIVERS.get(sor), Examples.headerId(json), answerLost));
            if (i % 5 == 0) {
                // The same MessageHeader.id (a new Bundle.id) to the other instance: taken as a duplicate.
                sendUntilOk(Examples.newBundleId(json), (i + sender + 1) % 2);
                duplicatesAnsweredOk.incrementAndGet();
            }
            pause(150);
        }
    }

    /**
     * Posts until an instance answers ok, trying the other instance (with a new Bundle.id, as MedCom's resend
     * rule has it) after a lost answer or an error. True when an answer was lost on the way.
     */
    private boolean sendUntilOk(String json, int preferred) {
        Instant deadline = Instant.now().plus(ANSWER_WITHIN);
        boolean answerLost = false;
        String body = json;
        int target = preferred;
        while (Instant.now().isBefore(deadline)) {
            GatewayProcess instance = instance(target);
            if (!instance.isAlive()) {
                instance = instance(target + 1);
            }
            try {
                HttpResponse<String> answer = post(instance, body);
                if (answer.body().matches("(?s).*\"code\"\\s*:\\s*\"ok\".*")) {
                    return answerLost;
                }
            } catch (ConnectException notListening) {
                // never reached the instance (it is down or not started yet): nothing was taken in
            } catch (Exception e) {
                answerLost = true;
            }
            body = Examples.newBundleId(body);
            target++;
            pause(1000);
        }
        throw new AssertionError("no ok answer within " + ANSWER_WITHIN + " for " + Examples.headerId(json));
    }

    /** Kills the first instance, then the live broker, while the senders stream; starts the instance again. */
    private void crashMidStream(List<Accepted> accepted) {
        try {
            await().atMost(ANSWER_WITHIN).until(() -> accepted.size() >= KILL_GATEWAY_AFTER);
            instances.first.kill();
            System.out.printf("broker fail-over: gateway instance killed after %d accepted%n", accepted.size());
            await().atMost(ANSWER_WITHIN).until(() -> accepted.size() >= KILL_BROKER_AFTER);
            brokers.get(0).kill();
            System.out.printf("broker fail-over: live broker killed after %d accepted%n", accepted.size());
            instances.first.start(Duration.ofMinutes(4));
            System.out.printf("broker fail-over: gateway instance back after %d accepted%n", accepted.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private GatewayProcess instance(int n) {
        return n % 2 == 0 ? instances.first : instances.second;
    }

    /** How many copies of each MessageHeader.id the receivers were handed. */
    private Map<String, Long> copiesById() {
        return RECEIVERS.values().stream().flatMap(path -> instances.receiver.received(path).stream())
                .map(received -> Examples.headerId(received.body()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Per sender and receiver: first copies arrive in the order of the ok answers (lost answers exempt). */
    private void assertOrderKept(List<Accepted> accepted) {
        for (String path : RECEIVERS.values()) {
            List<String> arrival = instances.receiver.received(path).stream().map(r -> Examples.headerId(r.body())).distinct().toList();
            for (int sender = 0; sender < SENDERS; sender++) {
                int s = sender;
                List<String> promised = accepted.stream()
                        .filter(a -> a.sender() == s && a.receiverPath().equals(path) && !a.answerLost())
                        .map(Accepted::headerId).toList();
                Set<String> inOrder = Set.copyOf(promised);
                assertThat(arrival.stream().filter(inOrder::contains).toList())
                        .as("order at %s of sender %d's messages", path, sender).containsExactlyElementsOf(promised);
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
