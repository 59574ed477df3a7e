package dk.medcomgateway.support.process;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A municipal system on loopback that keeps only a count per MessageHeader.id of what it is
 * handed (light enough for tens of thousands of messages), answers 200, and can be shut down and
 * started again on the same port, as a receiver that crashes and comes back.
 */
public final class CountingReceiver implements AutoCloseable {

    private static final Pattern HEADER_ID = Pattern.compile("\"resourceType\"\\s*:\\s*\"MessageHeader\"\\s*,\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final int port;
    private HttpServer server;
    private ExecutorService threads;

    public CountingReceiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Stops listening at once: connections are refused until {@link #restart()}. */
    public synchronized void shutDown() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    public synchronized void restart() {
        if (server == null) {
            server = listen(port);
        }
    }

    /** How many times each MessageHeader.id was handed over (with a 2xx answer). */
    public Map<String, Integer> counts() {
        Map<String, Integer> snapshot = new ConcurrentHashMap<>();
        counts.forEach((id, n) -> snapshot.put(id, n.get()));
        return snapshot;
    }

    public int count(String messageHeaderId) {
        AtomicInteger n = counts.get(messageHeaderId);
        return n == null ? 0 : n.get();
    }

    /** Bodies with no MessageHeader.id the receiver could find: none expected. */
    public int unreadable() {
        return unreadable.get();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
            created.createContext("/", this::handle);
            threads = Executors.newFixedThreadPool(4);
            created.setExecutor(threads);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher header = HEADER_ID.matcher(body);
        if (header.find()) {
            counts.computeIfAbsent(header.group(1), id -> new AtomicInteger()).incrementAndGet();
        } else {
            unreadable.incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        shutDown();
    }
}
