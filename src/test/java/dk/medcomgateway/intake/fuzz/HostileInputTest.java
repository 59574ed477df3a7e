package dk.medcomgateway.intake.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * Seeded, reproducible hostile input against every intake (-Dfuzz.cases, -Dfuzz.channel-cases,
 * -Dfuzz.seed): every case is answered within a bound, with a 4xx and an OperationOutcome, a MedCom
 * fatal-error or a negative receipt, never a stack trace; good messages sent alongside are delivered
 * once. Each channel prints a summary. A case that fails is replayed alone with its index:
 * {@code new BadFhirInputs().next(new Random(seed + index), index)} (letters: BadLetterInputs).
 */
class HostileInputTest extends GatewayTestBase {

    /** HTTP cases in all; one in five is a letter for POST /edi, the others FHIR messages. */
    private static final int HTTP_CASES = Integer.getInteger("fuzz.cases", 10_000);
    private static final int QUEUE_AND_FILE_CASES = Integer.getInteger("fuzz.channel-cases", 60);
    private static final long SEED = Long.getLong("fuzz.seed", 5L);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    /** A refusal names its reason; it does not quote a huge input back (which made JMS replies Artemis large messages). */
    private static final int MAX_REFUSAL = 4_000;
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |\\bat (java|org|dk|ca|com)\\.[\\w.$]+\\(|Caused by: ");
    private static final Pattern ACK_OK = Pattern.compile("\"code\"\\s*:\\s*\"ok\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JmsTemplate jms;

    @Test
    void ten_thousand_bad_http_inputs_on_the_fhir_and_letter_intakes_are_each_answered_in_time_with_a_clear_refusal_and_good_messages_alongside_are_delivered()
            throws Exception {
        BadInputs fhirInputs = new BadFhirInputs();
        BadInputs letterInputs = new BadLetterInputs();
        FuzzTally fhir = new FuzzTally("HTTP /fhir/$process-message", SEED);
        FuzzTally letters = new FuzzTally("HTTP /edi", SEED);
        List<String> good = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> cases = new ArrayList<>();
        for (int i = 0; i < HTTP_CASES; i++) {
            int index = i;
            boolean letter = i % 5 == 2; // not 4: every 500th FHIR case (index 499, 999, ...) is the costly thousands-of-entries one
            BadInput input = (letter ? letterInputs : fhirInputs).next(new Random(SEED + index), index);
            cases.add(pool.submit(() -> {
                long started = System.nanoTime();
                HttpResponse<String> answer = post(letter ? "/edi" : "/fhir/$process-message", input);
                long millis = (System.nanoTime() - started) / 1_000_000;
                (letter ? letters : fhir).record(index, input, answer == null ? FuzzTally.Verdict.fail("no answer within " + ANSWER_WITHIN)
                        : letter ? judgeLetter(input, answer) : judgeFhir(input, answer.statusCode(), answer.body()), millis);
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
        int delivered = deliveredOnce(good);
        fhir.goodMessages(good.size(), delivered);
        System.out.println(fhir.summary());
        System.out.println(letters.summary());

        assertThat(fhir.failures()).as("FHIR cases not answered in time with a clear refusal").isEmpty();
        assertThat(letters.failures()).as("letters not answered in time with a clear refusal").isEmpty();
        assertThat(delivered).isEqualTo(good.size());
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

    @Test
    void bad_inputs_on_the_jms_inbox_are_each_answered_on_the_reply_queue_with_a_clear_refusal_and_good_ones_alongside_delivered() {
        BadInputs inputs = new BadFhirInputs();
        FuzzTally tally = new FuzzTally("JMS gateway.inbox", SEED);
        List<String> good = new ArrayList<>();
        for (int i = 0; i < QUEUE_AND_FILE_CASES; i++) {
            BadInput input = inputs.next(new Random(SEED + 100_000 + i), i);
            String replies = "fuzz.replies." + SEED + "." + i;
            boolean asText = i % 2 == 0; // text and bytes messages both; bytes keep a body that is not UTF-8 as it is
            long started = System.nanoTime();
            jms.send("gateway.inbox", session -> {
                Message message = asText ? session.createTextMessage(input.text()) : bytesMessage(session, input.body());
                message.setJMSReplyTo(session.createQueue(replies));
                return message;
            });
            String reply = receiveText(replies);
            tally.record(i, input, judgeWithoutContentType(input, reply), (System.nanoTime() - started) / 1_000_000);
            if (i % 20 == 0) {
                String message = Examples.freshStin();
                good.add(Examples.headerId(message));
                jms.send("gateway.inbox", session -> session.createTextMessage(message));
            }
        }
        int delivered = deliveredOnce(good);
        tally.goodMessages(good.size(), delivered);
        System.out.println(tally.summary());

        assertThat(tally.failures()).isEmpty();
        assertThat(delivered).isEqualTo(good.size());
    }

    @Test
    void bad_files_dropped_in_the_inbox_each_get_a_clear_refusal_in_the_ack_outbox_and_good_ones_alongside_are_delivered() throws Exception {
        BadInputs inputs = new BadFhirInputs();
        FuzzTally tally = new FuzzTally("file drop DATA/inbox", SEED);
        Path inbox = DATA_DIR.resolve("inbox");
        Path acks = DATA_DIR.resolve("outbox").resolve("acks");
        Map<String, BadInput> dropped = new LinkedHashMap<>();
        Map<String, Long> droppedAt = new HashMap<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < QUEUE_AND_FILE_CASES; i++) {
            BadInput input = inputs.next(new Random(SEED + 200_000 + i), i);
            String name = "fuzz-" + SEED + "-" + i;
            // The file channel knows no content type: the extension is the only hint, and the gateway reads by content.
            drop(inbox, name + (input.contentType() != null && input.contentType().contains("xml") ? ".xml" : ".json"), input.body());
            dropped.put(name, input);
            droppedAt.put(name, System.currentTimeMillis());
            if (i % 20 == 0) {
                String message = Examples.freshStin();
                good.add(Examples.headerId(message));
                drop(inbox, "fuzz-good-" + SEED + "-" + i + ".json", message.getBytes(StandardCharsets.UTF_8));
            }
        }
        int index = 0;
        for (Map.Entry<String, BadInput> file : dropped.entrySet()) {
            Path ack = awaitAckFile(acks, file.getKey());
            String body = ack == null ? null : Files.readString(ack, StandardCharsets.UTF_8);
            long millis = ack == null ? ANSWER_WITHIN.toMillis() : Files.getLastModifiedTime(ack).toMillis() - droppedAt.get(file.getKey());
            tally.record(index++, file.getValue(), judgeWithoutContentType(file.getValue(), body), millis);
        }
        int delivered = deliveredOnce(good);
        tally.goodMessages(good.size(), delivered);
        System.out.println(tally.summary());

        assertThat(tally.failures()).isEmpty();
        assertThat(delivered).isEqualTo(good.size());
    }

    /** A FHIR intake's answer: a refusal (4xx + OperationOutcome, fatal-error), 503 transient-error, or an ok where that is allowed. */
    private static FuzzTally.Verdict judgeFhir(BadInput input, int status, String body) {
        if (STACK_TRACE.matcher(body).find()) {
            return FuzzTally.Verdict.fail("HTTP " + status + ", stack trace in the answer: " + abbreviate(body));
        }
        if (status == 200 && ACK_OK.matcher(body).find()) {
            return input.mayBeAccepted() ? FuzzTally.Verdict.ok("accepted") : FuzzTally.Verdict.fail("a bad input accepted");
        }
        if (status / 100 == 4 && body.contains("OperationOutcome")) {
            return body.length() > MAX_REFUSAL ? FuzzTally.Verdict.fail("a refusal of " + body.length() + " characters echoes the input")
                    : FuzzTally.Verdict.ok("4xx");
        }
        if (status == 200 && body.contains("fatal-error")) {
            return FuzzTally.Verdict.ok("fatal-error");
        }
        if (status == 503 && body.contains("transient")) {
            return FuzzTally.Verdict.ok("503 transient-error");
        }
        return FuzzTally.Verdict.fail("HTTP " + status + " is not a clear refusal: " + abbreviate(body));
    }

    /** POST /edi's answer: 4xx with a negative receipt or a reason, 200 with a negative receipt, 503, or a taken letter where allowed. */
    private static FuzzTally.Verdict judgeLetter(BadInput input, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        if (STACK_TRACE.matcher(body).find()) {
            return FuzzTally.Verdict.fail("HTTP " + status + ", stack trace in the answer: " + abbreviate(body));
        }
        boolean negative = body.contains("NegativeReceipt");
        if (status / 100 == 4 && !body.isBlank()) {
            return FuzzTally.Verdict.ok(negative ? "4xx negative receipt" : "4xx");
        }
        if (status == 200 && negative) {
            return FuzzTally.Verdict.ok("negative receipt");
        }
        if (status == 503 && !body.isBlank()) {
            return FuzzTally.Verdict.ok("503 transient-error");
        }
        if (status / 100 == 2) {
            return input.mayBeAccepted() ? FuzzTally.Verdict.ok("accepted") : FuzzTally.Verdict.fail("a bad letter accepted: " + abbreviate(body));
        }
        return FuzzTally.Verdict.fail("HTTP " + status + " is not a clear refusal: " + abbreviate(body));
    }

    /**
     * An answer on a channel with no content type (JMS, file drop): the only fault of a good message
     * under a wrong content type is one this channel cannot see, so that message must be accepted.
     */
    private static FuzzTally.Verdict judgeWithoutContentType(BadInput input, String reply) {
        if (reply == null) {
            return FuzzTally.Verdict.fail("no answer within " + ANSWER_WITHIN);
        }
        if (STACK_TRACE.matcher(reply).find()) {
            return FuzzTally.Verdict.fail("stack trace in the answer: " + abbreviate(reply));
        }
        boolean accepted = ACK_OK.matcher(reply).find();
        if (input.goodBody() && !accepted) {
            return FuzzTally.Verdict.fail("a good message refused: " + abbreviate(reply));
        }
        if (accepted) {
            return input.mayBeAccepted() ? FuzzTally.Verdict.ok("accepted") : FuzzTally.Verdict.fail("a bad input accepted");
        }
        if (reply.contains("fatal-error")) {
            return FuzzTally.Verdict.ok("fatal-error");
        }
        if (reply.contains("OperationOutcome")) {
            return reply.length() > MAX_REFUSAL ? FuzzTally.Verdict.fail("a refusal of " + reply.length() + " characters echoes the input")
                    : FuzzTally.Verdict.ok("refused (OperationOutcome)");
        }
        return FuzzTally.Verdict.fail("neither an OperationOutcome nor a fatal-error: " + abbreviate(reply));
    }

    private HttpResponse<String> post(String path, BadInput input) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ANSWER_WITHIN).header("Authorization", basic(PARTNER))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
        } catch (java.net.http.HttpTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The reply on {@code queue}, read inside the session that received it (a large message's body streams from the broker). */
    private String receiveText(String queue) {
        return jms.execute(session -> {
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                Message reply = consumer.receive(ANSWER_WITHIN.toMillis());
                if (reply instanceof BytesMessage bytes) {
                    byte[] body = new byte[(int) bytes.getBodyLength()];
                    bytes.readBytes(body);
                    return new String(body, StandardCharsets.UTF_8);
                }
                return reply == null ? null : reply.getBody(String.class);
            }
        }, true);
    }

    private static BytesMessage bytesMessage(Session session, byte[] body) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        return message;
    }

    private static void drop(Path inbox, String name, byte[] body) throws IOException {
        Files.write(inbox.resolve("." + name + ".tmp"), body);
        Files.move(inbox.resolve("." + name + ".tmp"), inbox.resolve(name));
    }

    private int deliveredOnce(List<String> headerIds) {
        headerIds.forEach(this::awaitFinalised);
        return (int) headerIds.stream().filter(id -> deliveredCount(id) == 1).count();
    }

    private static Path awaitAckFile(Path acks, String name) {
        try {
            return await().atMost(ANSWER_WITHIN.multipliedBy(2)).until(() -> ackFile(acks, name), f -> f != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return null;
        }
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
