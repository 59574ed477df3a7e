package dk.medcomgateway.support.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A municipal system on loopback as the gateway delivers to it: takes every POST, notes when each
 * message of the feed arrived, and answers 200 with MedCom's ok acknowledgement of it (or 200 with
 * an empty body, the system that acknowledges later). It counts the copies of each message it was
 * handed, and can go down (connections refused) and come back on the same port, as a system that crashes.
 */
public final class MunicipalReceiver implements AutoCloseable {

    static {
        // The JDK's HTTP server writes an answer's headers and body separately; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (40 ms on Linux), which capped each receiver at
        // about 24 deliveries a second in the benchmark: a cost of this test receiver, not of the gateway.
        // Read when the JDK's server first starts, so set before any server of this JVM starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final MessageFeed feed;
    private final boolean acknowledges;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> copies = new ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;

    public MunicipalReceiver(MessageFeed feed, boolean acknowledges) throws IOException {
        this.feed = feed;
        this.acknowledges = acknowledges;
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 256);
        created.setExecutor(threads);
        created.createContext("/", this::handle);
        created.start();
        return created;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Stops listening at once: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public synchronized void up() throws IOException {
        if (server == null) {
            server = listen(port);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long now = System.nanoTime();
        String headerId = feed.headerIdIn(body);
        if (headerId != null) {
            arrivals.putIfAbsent(headerId, now);
            copies.computeIfAbsent(headerId, id -> new AtomicInteger()).incrementAndGet();
        }
        byte[] answer = acknowledges && headerId != null ? feed.ackFor(headerId).getBytes(StandardCharsets.UTF_8) : new byte[0];
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** When (System.nanoTime) the message arrived first, or null if it has not. */
    public Long arrival(String headerId) {
        return arrivals.get(headerId);
    }

    /** How many copies of the message were handed over; 0 if none. */
    public int copies(String headerId) {
        AtomicInteger n = copies.get(headerId);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
