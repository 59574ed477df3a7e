package dk.medcomgateway.support.load;

import dk.medcomgateway.fhir.FhirFormat;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's mixed traffic, one message at a time from each sender thread: mostly new
 * HospitalNotifications and CareCommunications, and among them duplicates of messages already
 * answered ok, municipal acknowledgements of delivered messages, and unreadable (truncated)
 * messages. A new message answered transient-error is sent again until it gets an answer.
 * Counts every kind of answer and keeps the intake latency of each interval.
 */
final class SoakTraffic {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SoakTraffic.class);

    private static final Pattern ACK_CODE = Pattern.compile("\"code\"\\s*:\\s*\"(ok|transient-error|fatal-error)\"");
    private static final int RETRIES = 60;
    private static final int RECENT = 2000;

    private final IntakeClient intake;
    private final MessageFeed feed;
    private final MunicipalReceiver receiver;
    /** Bodies of the most recent messages answered ok, to send again as duplicates (all of them would fill the heap in a long run). */
    private final Map<String, byte[]> recentlyAcknowledged = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > RECENT;
        }
    };
    private final List<String> acknowledgedIds = new ArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final AtomicReference<Latencies> interval = new AtomicReference<>(new Latencies());

    SoakTraffic(String intakeUrl, String user, String password, MessageFeed feed, MunicipalReceiver receiver) {
        this.intake = new IntakeClient(intakeUrl, user, password);
        this.feed = feed;
        this.receiver = receiver;
    }

    /** One sender's next step: 80 % new, 8 % duplicate (of one of the last 2,000 answered ok), 7 % acknowledgement, 5 % unreadable. */
    void sendOne(Random random) throws InterruptedException {
        int kind = random.nextInt(100);
        String known = kind >= 80 ? anyAcknowledged(random) : null;
        if (kind >= 95) {
            MessageFeed.Message message = feed.next();
            count("unreadable -> " + post(Arrays.copyOf(message.body(), message.body().length / 2)));
        } else if (kind >= 88 && known != null && receiver.copies(known) > 0) {
            count("acknowledgement -> " + post(feed.ackFor(known).getBytes(StandardCharsets.UTF_8)));
        } else if (kind >= 80 && known != null) {
            count("duplicate -> " + post(recentlyAcknowledgedBody(random)));
        } else {
            sendNew(feed.next());
        }
    }

    private void sendNew(MessageFeed.Message message) throws InterruptedException {
        for (int attempt = 1; attempt <= RETRIES; attempt++) {
            String answer = post(message.body());
            count("new -> " + answer);
            if ("ok".equals(answer)) {
                synchronized (acknowledgedIds) {
                    acknowledgedIds.add(message.headerId());
                    recentlyAcknowledged.put(message.headerId(), message.body());
                }
                return;
            }
            // Sent again, as a hospital's engine would: a transient error, no answer, or 503 (a gateway still starting).
            if (!"transient-error".equals(answer) && !answer.startsWith("no answer") && !"HTTP 503".equals(answer)) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    /** The acknowledgement code the gateway answered, else "HTTP status", or "no answer". */
    private String post(byte[] body) {
        long before = System.nanoTime();
        try {
            HttpResponse<String> response = intake.post(body, FhirFormat.JSON.mediaType());
            interval.get().add(System.nanoTime() - before);
            Matcher code = ACK_CODE.matcher(response.body());
            return code.find() ? code.group(1) : "HTTP " + response.statusCode();
        } catch (IOException e) {
            // Which kind (a reset, a closed connection, a timeout) says more about a failure than the count.
            log.warn("No answer from the gateway: {}", e.toString());
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        }
    }

    private String anyAcknowledged(Random random) {
        synchronized (acknowledgedIds) {
            return acknowledgedIds.isEmpty() ? null : acknowledgedIds.get(random.nextInt(acknowledgedIds.size()));
        }
    }

    private byte[] recentlyAcknowledgedBody(Random random) {
        synchronized (acknowledgedIds) {
            return recentlyAcknowledged.values().stream().skip(random.nextInt(recentlyAcknowledged.size())).findFirst().orElseThrow();
        }
    }

    private void count(String answer) {
        answers.merge(answer, 1, Integer::sum);
    }

    /** The intake latencies since the last call; starts a new interval. */
    Latencies takeInterval() {
        return interval.getAndSet(new Latencies());
    }

    List<String> acknowledgedIds() {
        synchronized (acknowledgedIds) {
            return List.copyOf(acknowledgedIds);
        }
    }

    /** Answers by kind of message, e.g. "new -> ok": count. */
    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }
}
