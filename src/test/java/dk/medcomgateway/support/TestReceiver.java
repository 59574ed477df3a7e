package dk.medcomgateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * A municipal care system on loopback: a real HTTP server that records every message POSTed to
 * it, per path. Each path answers 200 by default (with the body the responder makes, e.g. a
 * MedCom acknowledgement); a path can be told to answer with given statuses first.
 */
public final class TestReceiver implements AutoCloseable {

    /** One message received; {@code bytes} is the body exactly as it came, {@code body} the same read as UTF-8. */
    public record Received(String path, String contentType, String body, byte[] bytes) {
    }

    private final HttpServer server;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaultStatus = new ConcurrentHashMap<>();
    private final Map<String, Integer> rejected = new ConcurrentHashMap<>();
    private volatile Function<Received, String> responder = r -> "";
    private final Map<String, Duration> delayed = new ConcurrentHashMap<>();

    public TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers on a path, before it falls back to its default status. */
    public void answer(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** The status a path answers once its scripted answers are used up (200 unless set). */
    public void defaultStatus(String path, int status) {
        defaultStatus.put(path, status);
    }

    /** Every message whose body contains {@code text} is answered {@code status}, always (a message the receiver cannot take). */
    public void reject(String text, int status) {
        rejected.put(text, status);
    }

    /** A message whose body contains {@code text} is answered only after {@code delay} (a slow receiving system); zero: at once again. */
    public void delayAnswersTo(String text, Duration delay) {
        if (delay.isZero()) {
            delayed.remove(text);
        } else {
            delayed.put(text, delay);
        }
    }

    /** Makes the body of 2xx answers, e.g. the receiver's MedCom acknowledgement. */
    public void respondWith(Function<Received, String> responder) {
        this.responder = responder;
    }

    public List<Received> received(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    public List<Received> containing(String text) {
        synchronized (received) {
            return received.stream().filter(r -> r.body().contains(text)).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        Deque<Integer> queue = scripted.get(path);
        Integer next = queue == null ? null : queue.poll();
        int status = next != null ? next : defaultStatus.getOrDefault(path, 200);
        status = rejected.entrySet().stream().filter(r -> body.contains(r.getKey())).map(Map.Entry::getValue).findFirst().orElse(status);
        Received r = new Received(path, exchange.getRequestHeaders().getFirst("Content-Type"), body, bytes);
        byte[] reply = new byte[0];
        if (status / 100 == 2) {
            received.add(r);
            delay(body);
            String made = responder.apply(r);
            reply = made == null ? new byte[0] : made.getBytes(StandardCharsets.UTF_8);
            if (reply.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", r.contentType() == null ? "application/fhir+json" : r.contentType());
            }
        }
        exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    private void delay(String body) {
        delayed.forEach((text, delay) -> {
            if (body.contains(text)) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
