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

/**
 * A municipal system on loopback as the gateway delivers to it: takes every POST, notes when each
 * message of the feed arrived, and answers 200 with MedCom's ok acknowledgement of it (or 200 with
 * an empty body, the system that acknowledges later).
 */
public final class MunicipalReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final MessageFeed feed;
    private final boolean acknowledges;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

    public MunicipalReceiver(MessageFeed feed, boolean acknowledges) throws IOException {
        this.feed = feed;
        this.acknowledges = acknowledges;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
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

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
