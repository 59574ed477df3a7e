package dk.medcomgateway.legacy;

import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.TestReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The shared test gateway, with a way to post letters as bytes and read the receipt as bytes. */
abstract class LetterGatewayTestBase extends GatewayTestBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The answer to POST /edi: status, Content-Type and the receipt's bytes. */
    record Answer(int status, String contentType, byte[] body) {
        Letter receipt() {
            return new OioxmlLetterReader(List.of(".*")).read(body, null);
        }

        /** The charset parameter of the answer's Content-Type. */
        java.nio.charset.Charset charset() {
            return LetterReader.charsetParameter(contentType);
        }

        /** The text of an element of the receipt, read without requiring a complete receipt. */
        String field(String element) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<" + element + ">(.*?)</" + element + ">", java.util.regex.Pattern.DOTALL)
                    .matcher(new String(body, charset()));
            return m.find() ? m.group(1) : null;
        }
    }

    Answer postLetter(byte[] letter, String contentType) {
        return postLetter(letter, contentType, PARTNER);
    }

    Answer postLetter(byte[] letter, String contentType, String user) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/edi"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(letter));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (user != null) {
                request.header("Authorization", basic(user));
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver path has been handed whose body contains {@code text}. */
    static List<TestReceiver.Received> receivedAt(String path, String text) {
        return RECEIVER.received(path).stream().filter(r -> r.body().contains(text)).toList();
    }

    void awaitStatus(String key, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(messageStatus(key)));
    }
}
