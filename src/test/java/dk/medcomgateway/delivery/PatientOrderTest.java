package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A receiver is served by several consumers (gateway.delivery.consumers-per-receiver), each patient's messages in
 * a message group of their own: whatever the load, and through an outage's hold and drain, each patient's
 * messages reach the receiver in the order the gateway accepted them.
 */
class PatientOrderTest extends GatewayTestBase {

    private static final String HERLEV = "/herlev";
    private static final List<String> PATIENTS = List.of("3112809991", "3112809992", "3112809993", "3112809994", "3112809995");

    /** A fresh STIN about another patient (the example's CPR number replaced). */
    private static String stinFor(String cpr, String receiverSor) {
        String json = Examples.freshStin().replace("2509479989", cpr);
        return receiverSor == null ? json : Examples.addressedTo(json, receiverSor);
    }

    @Test
    void each_patients_messages_reach_the_receiver_in_the_order_accepted_while_five_senders_send_at_once() {
        Map<String, List<String>> accepted = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> senders = PATIENTS.stream().map(cpr -> CompletableFuture.runAsync(() -> {
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String json = stinFor(cpr, null);
                assertThat(postJson(json).ackCode()).isEqualTo("ok"); // accepted before the next is sent
                order.add(Examples.headerId(json));
            }
            accepted.put(cpr, order);
        })).toList();
        senders.forEach(CompletableFuture::join);

        List<String> all = accepted.values().stream().flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> all.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
        assertOrderPerPatient(HERLEV, accepted);
        assertThat(all).allSatisfy(h -> assertThat(deliveredCount(h)).isEqualTo(1));
    }

    @Test
    void each_patients_messages_keep_their_order_through_an_outages_hold_and_drain() {
        String outage = planOutage(ORDER_SOR, "EOJ patch", 1);
        assertThat(outage).startsWith("201");
        String id = outageId(outage);
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        IntStream.range(0, 6).forEach(round -> PATIENTS.subList(0, 3).forEach(cpr -> {
            String json = stinFor(cpr, ORDER_SOR);
            assertThat(postJson(json).ackCode()).isEqualTo("ok");
            accepted.computeIfAbsent(cpr, k -> new ArrayList<>()).add(Examples.headerId(json));
        }));
        sleep(1000);
        assertThat(RECEIVER.received("/patient-order")).isEmpty();

        assertThat(api("POST", "/api/outages/" + id + "/resolve", "{\"statusText\": \"Patched\"}")).startsWith("200");

        List<String> all = accepted.values().stream().flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> all.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
        assertOrderPerPatient("/patient-order", accepted);
    }

    @Test
    void a_copy_is_grouped_by_receiver_and_patient_and_one_without_a_patient_by_receiver() {
        assertThat(Dispatcher.group(dispatch("953741000016009", "abc"))).isEqualTo("953741000016009/abc");
        assertThat(Dispatcher.group(dispatch("953741000016009", null))).isEqualTo("953741000016009");
    }

    private static dk.medcomgateway.ledger.DeliveryLedger.Dispatch dispatch(String partner, String patientHash) {
        return new dk.medcomgateway.ledger.DeliveryLedger.Dispatch("d", "dl", 1, "mh", partner, "b", "application/fhir+json",
                null, "PENDING", null, patientHash);
    }

    /** For each patient, the receiver got their messages in the order they were accepted. */
    private static void assertOrderPerPatient(String path, Map<String, List<String>> accepted) {
        List<String> arrived = RECEIVER.received(path).stream().map(r -> Examples.headerId(r.body())).toList();
        accepted.forEach((cpr, order) -> assertThat(arrived.stream().filter(order::contains).toList())
                .as("patient %s", cpr).containsExactlyElementsOf(order));
    }
}
