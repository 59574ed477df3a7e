package dk.medcomgateway.reliability;

import dk.medcomgateway.support.Examples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many MedCom senders posting fresh messages to the gateway's FHIR intake at once, as a sender
 * does: a message whose request failed or was answered transient-error is sent again (sometimes
 * as a resend with a new Bundle.id), and some messages that got {@code ok} are sent again anyway
 * (a duplicate, or a resend). Records, per MessageHeader.id, how its sending went.
 */
final class SenderStream {

    /** How the sending of one message went. */
    enum Outcome { OK, GAVE_UP, REFUSED }

    record Sent(String headerId, Outcome outcome, int failedAttempts) {
    }

    private static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    private static final String CARE_COMMUNICATION = "Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json";
    static final Pattern ACK_CODE = Pattern.compile("\"code\"\\s*:\\s*\"(ok|transient-error|fatal-error)\"");
    private static final int MAX_ATTEMPTS = 400;

    private final Function<String, URI> gatewayUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger failedRequests = new AtomicInteger();
    private final AtomicInteger extraSends = new AtomicInteger();
    private final List<String> unexpected = new ArrayList<>();
    private final Map<String, Integer> answersWithoutAck = new ConcurrentHashMap<>();

    SenderStream(Function<String, URI> gatewayUrl, String user, String password) {
        this.gatewayUrl = gatewayUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code count} messages from {@code senders} threads; returns when every one is settled. */
    void run(int count, int senders, long seed) throws Exception {
        String stin = Examples.read(STIN);
        String careCommunication = Examples.read(CARE_COMMUNICATION);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Random random = new Random(seed + s);
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    send(Examples.fresh(i % 3 == 0 ? careCommunication : stin), random);
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get();
        }
        pool.shutdown();
    }

    private void send(String message, Random random) throws InterruptedException {
        String headerId = Examples.headerId(message);
        int failed = 0;
        String body = message;
        while (true) {
            String code = post(body);
            if ("ok".equals(code)) {
                acknowledged.incrementAndGet();
                sent.put(headerId, new Sent(headerId, Outcome.OK, failed));
                sendAgainSometimes(message, random);
                return;
            }
            if ("fatal-error".equals(code)) {
                synchronized (unexpected) {
                    unexpected.add(headerId + ": " + code);
                }
                sent.put(headerId, new Sent(headerId, Outcome.REFUSED, failed));
                return;
            }
            failed++;
            failedRequests.incrementAndGet();
            answersWithoutAck.merge(code == null ? "no answer" : code, 1, Integer::sum);
            if (failed >= MAX_ATTEMPTS) {
                sent.put(headerId, new Sent(headerId, Outcome.GAVE_UP, failed));
                return;
            }
            // A sender not sure its message got through sends it again, sometimes as a resend with a new Bundle.id.
            body = random.nextBoolean() ? message : Examples.newBundleId(message);
            Thread.sleep(Math.min(2000, 50L * failed));
        }
    }

    /** One message in ten is sent again after its ok: a duplicate must be answered ok and not delivered again. */
    private void sendAgainSometimes(String message, Random random) {
        if (random.nextInt(10) == 0) {
            extraSends.incrementAndGet();
            String again = post(random.nextBoolean() ? message : Examples.newBundleId(message));
            if (again != null && !"ok".equals(again) && !"transient-error".equals(again)) {
                synchronized (unexpected) {
                    unexpected.add(Examples.headerId(message) + " sent again: " + again);
                }
            }
        }
    }

    /** The acknowledgement code the gateway answered, "HTTP status" if it answered none, or null if the request failed. */
    private String post(String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gatewayUrl.apply("/fhir/$process-message"))
                    .header("Authorization", authorization).header("Content-Type", "application/fhir+json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher code = ACK_CODE.matcher(response.body());
            if (code.find()) {
                return code.group(1);
            }
            return "HTTP " + response.statusCode();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    Map<String, Sent> sent() {
        return sent;
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int failedRequests() {
        return failedRequests.get();
    }

    /** Answers that were not ok, counted: "transient-error", "HTTP 503" (no acknowledgement), "no answer" (connection failed). */
    Map<String, Integer> answersWithoutAck() {
        return Map.copyOf(answersWithoutAck);
    }

    int extraSends() {
        return extraSends.get();
    }

    List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }
}
