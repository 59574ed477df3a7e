package dk.medcomgateway.intake.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Seeded, reproducible hostile input against the intakes (-Dfuzz.cases, -Dfuzz.seed): every case is
 * answered within a bound, with a 4xx and an OperationOutcome or a MedCom fatal-error, never a
 * stack trace, and good messages sent alongside are delivered. A case that fails is replayed
 * alone with its index: {@code new BadFhirInputs().next(new Random(seed + index), index)}.
 */
class HostileInputTest extends GatewayTestBase {

    private static final int HTTP_CASES = Integer.getInteger("fuzz.cases", 10_000);
    private static final int QUEUE_AND_FILE_CASES = Integer.getInteger("fuzz.channel-cases", 60);
    private static final long SEED = Long.getLong("fuzz.seed", 5L);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat (java|org|dk|ca|com)\\.[\\w.$]+\\(|Caused by: ");
    private static final Pattern ACK_OK = Pattern.compile("\"code\"\\s*:\\s*\"ok\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JmsTemplate jms;

    @Disabled("Open bug: the HTTP intake answers 500 with an empty body to bodies that are not valid UTF-8 (random or"
            + " flipped bytes, UTF-16/ISO-8859-1 JSON) and a Whitelabel 500 page to a form-encoded body (README, Reliability)")
    @Test
    void ten_thousand_bad_http_fhir_inputs_are_each_answered_in_time_with_a_clear_refusal_and_good_messages_alongside_are_delivered()
            throws Exception {
        BadInputs inputs = new BadFhirInputs();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> good = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> cases = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < HTTP_CASES; i++) {
            int index = i;
            BadInput input = inputs.next(new Random(SEED + index), index);
            kinds.merge(input.kind(), 1, Integer::sum);
            cases.add(pool.submit(() -> {
                String verdict = judgeHttp(input);
                statuses.merge(verdict.startsWith("ok ") ? verdict.substring(3) : "FAILED", 1, Integer::sum);
                if (!verdict.startsWith("ok ")) {
                    synchronized (failures) {
                        failures.add("case " + index + " (" + input.kind() + ", " + input.contentType() + "): " + verdict);
                    }
                }
            }));
            if (i % 1_000 == 0) {
                String message = Examples.freshStin();
                good.add(Examples.headerId(message));
                cases.add(pool.submit(() -> assertThat(postJson(message).ackCode()).isEqualTo("ok")));
            }
        }
        for (Future<?> c : cases) {
            c.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("Fuzz HTTP FHIR: %d cases (seed %d) in %d s; kinds %s; answers %s; %d failures%n",
                HTTP_CASES, SEED, seconds, kinds, new TreeMap<>(statuses), failures.size());

        assertThat(failures).as("cases not answered in time with a clear refusal").isEmpty();
        good.forEach(this::awaitFinalised);
        assertThat(good).allSatisfy(id -> assertThat(deliveredCount(id)).isEqualTo(1));
    }

    @Test
    void a_50_mb_body_is_refused_by_its_size_before_it_is_read_with_or_without_a_content_length() throws Exception {
        long heapBefore = usedHeap();
        long fifty = 50L * 1024 * 1024;
        HttpResponse<String> declared = send(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(fifty)), fifty));
        HttpResponse<String> chunked = send(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(fifty)));
        long heapGrowth = usedHeap() - heapBefore;

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("OperationOutcome").doesNotContainPattern(STACK_TRACE);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("OperationOutcome").doesNotContainPattern(STACK_TRACE);
        System.out.printf("50 MB bodies: %d and %d; heap after minus before: %d MB%n", declared.statusCode(), chunked.statusCode(),
                heapGrowth / (1024 * 1024));
        assertThat(heapGrowth).isLessThan(40L * 1024 * 1024);
    }

    @Disabled("Unfinished: replies to large bad inputs (over Artemis' large-message size) cannot be read after the"
            + " JmsTemplate session closes (AMQ219023); read them inside a session callback")
    @Test
    void bad_inputs_on_the_jms_inbox_are_each_answered_on_the_reply_queue_with_a_clear_refusal() throws Exception {
        BadInputs inputs = new BadFhirInputs();
        jms.setReceiveTimeout(ANSWER_WITHIN.toMillis());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < QUEUE_AND_FILE_CASES; i++) {
            BadInput input = inputs.next(new Random(SEED + 100_000 + i), i);
            String replies = "fuzz.replies." + i;
            jms.send("gateway.inbox", session -> {
                TextMessage message = session.createTextMessage(input.text());
                message.setJMSReplyTo(session.createQueue(replies));
                return message;
            });
            Object reply = jms.receiveAndConvert(replies);
            String body = reply == null ? null : reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : reply.toString();
            String verdict = judge(body);
            if (verdict != null) {
                failures.add("case " + i + " (" + input.kind() + "): " + verdict);
            }
        }
        assertThat(failures).isEmpty();
        assertGoodMessageStillGoesThrough();
    }

    @Disabled("Unfinished: every dropped file is now answered (empty ones too), but the generator's content-type and charset"
            + " cases are good messages on the file channel, which has no content type; they are answered ok. Judge per channel")
    @Test
    void bad_files_dropped_in_the_inbox_each_get_a_refusal_in_the_ack_outbox() throws Exception {
        BadInputs inputs = new BadFhirInputs();
        Path inbox = DATA_DIR.resolve("inbox");
        Path acks = DATA_DIR.resolve("outbox").resolve("acks");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < QUEUE_AND_FILE_CASES; i++) {
            BadInput input = inputs.next(new Random(SEED + 200_000 + i), i);
            String name = "fuzz-" + SEED + "-" + i;
            String extension = input.contentType() != null && input.contentType().contains("xml") ? ".xml" : ".json";
            Files.write(inbox.resolve("." + name + ".tmp"), input.body());
            Files.move(inbox.resolve("." + name + ".tmp"), inbox.resolve(name + extension));
            names.add(name);
        }
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            await().atMost(ANSWER_WITHIN.multipliedBy(2)).until(() -> ackFile(acks, name) != null);
            String verdict = judge(Files.readString(ackFile(acks, name), StandardCharsets.UTF_8));
            if (verdict != null) {
                failures.add(name + ": " + verdict);
            }
        }
        assertThat(failures).isEmpty();
        assertGoodMessageStillGoesThrough();
    }

    /** "ok STATUS" when the gateway refused the input clearly and in time, else what was wrong. */
    private String judgeHttp(BadInput input) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/$process-message"))
                    .timeout(ANSWER_WITHIN).header("Authorization", basic(PARTNER))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
            if (input.contentType() != null) {
                request.header("Content-Type", input.contentType());
            }
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            String verdict = ACK_OK.matcher(answer.body()).find() && input.mayBeAccepted() ? null : judge(answer.body());
            if (verdict != null) {
                return "HTTP " + status + ": " + verdict;
            }
            boolean refused = status / 100 == 4 || status == 200 && answer.body().contains("fatal-error");
            if (refused) {
                return "ok " + status;
            }
            boolean accepted = status == 200 && ACK_OK.matcher(answer.body()).find();
            return accepted && input.mayBeAccepted() ? "ok accepted" : "HTTP " + status + " is not a refusal: " + abbreviate(answer.body());
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer within " + ANSWER_WITHIN;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Null when the answer is a clear refusal with no stack trace, else what is wrong with it. */
    private static String judge(String body) {
        if (body == null) {
            return "no answer within " + ANSWER_WITHIN;
        }
        if (STACK_TRACE.matcher(body).find()) {
            return "stack trace in the answer: " + abbreviate(body);
        }
        if (!body.contains("OperationOutcome") && !body.contains("fatal-error")) {
            return "neither an OperationOutcome nor a fatal-error: " + abbreviate(body);
        }
        return null;
    }

    private void assertGoodMessageStillGoesThrough() {
        String message = Examples.freshStin();
        assertThat(postJson(message).ackCode()).isEqualTo("ok");
        awaitFinalised(Examples.headerId(message));
        assertThat(deliveredCount(Examples.headerId(message))).isEqualTo(1);
    }

    private static Path ackFile(Path acks, String name) throws java.io.IOException {
        if (!Files.isDirectory(acks)) {
            return null;
        }
        try (var files = Files.list(acks)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "-ack.")).findFirst().orElse(null);
        }
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/$process-message"))
                .timeout(ANSWER_WITHIN).header("Authorization", basic(PARTNER)).header("Content-Type", "application/fhir+json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** {@code length} zero bytes, made as they are read. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
