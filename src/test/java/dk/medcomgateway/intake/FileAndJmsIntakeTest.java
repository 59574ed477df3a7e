package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** The file-drop folder and the JMS inbox feed the same pipeline as HTTP. */
class FileAndJmsIntakeTest extends GatewayTestBase {

    @Autowired
    JmsTemplate jms;

    @Test
    void a_file_dropped_in_the_inbox_is_acknowledged_in_the_ack_outbox_and_delivered() throws Exception {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        Path inbox = DATA_DIR.resolve("inbox");
        Files.writeString(inbox.resolve(".stin.tmp"), json);
        Files.move(inbox.resolve(".stin.tmp"), inbox.resolve("stin-" + headerId + ".json"));

        Path ack = DATA_DIR.resolve("outbox").resolve("acks").resolve("stin-" + headerId + "-ack.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ack));
        assertThat(ackCodeOf(Files.readString(ack))).isEqualTo("ok");
        assertThat(Files.readString(ack)).contains(headerId);
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(inbox.resolve("stin-" + headerId + ".json")).doesNotExist();
    }

    @Test
    void a_file_written_in_its_final_name_is_taken_only_once_it_stops_changing() throws Exception {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        Path file = DATA_DIR.resolve("inbox").resolve("slow-" + headerId + ".json");
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int parts = 8;
        // A writer that does not write to a temporary name first, and takes 2.8 s, 0.4 s between its writes.
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < parts; i++) {
                out.write(bytes, i * bytes.length / parts, (i + 1) * bytes.length / parts - i * bytes.length / parts);
                out.flush();
                if (i < parts - 1) {
                    Thread.sleep(400);
                }
            }
        }

        Path ack = DATA_DIR.resolve("outbox").resolve("acks").resolve("slow-" + headerId + "-ack.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ack));
        assertThat(ackCodeOf(Files.readString(ack))).as("the whole message was read").isEqualTo("ok");
    }

    @Test
    void a_dropped_file_with_a_bad_message_gets_a_fatal_error_ack_and_the_files_after_it_go_on() throws Exception {
        String bad = Examples.freshStin();
        String badId = Examples.headerId(bad);
        // A message with no patient breaks MedCom's message rules.
        String noPatient = bad.replaceAll("\"resourceType\"\\s*:\\s*\"Patient\"", "\"resourceType\": \"Basic\"");
        String good = Examples.freshStin();
        Path inbox = DATA_DIR.resolve("inbox");
        drop(inbox, "bad-" + badId + ".json", noPatient);
        drop(inbox, "garbage-" + badId + ".json", "{ this is not json");
        drop(inbox, "good-" + Examples.headerId(good) + ".json", good);

        Path acks = DATA_DIR.resolve("outbox").resolve("acks");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(acks.resolve("bad-" + badId + "-ack.json")));
        assertThat(ackCodeOf(Files.readString(acks.resolve("bad-" + badId + "-ack.json")))).isEqualTo("fatal-error");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(acks.resolve("garbage-" + badId + "-ack.json")));
        awaitFinalised(Examples.headerId(good));
        assertThat(inbox.resolve("bad-" + badId + ".json")).doesNotExist();
        assertThat(inbox.resolve("garbage-" + badId + ".json")).doesNotExist();
    }

    @Test
    void an_empty_dropped_file_is_answered_with_a_refusal_and_leaves_the_inbox() throws Exception {
        Path inbox = DATA_DIR.resolve("inbox");
        String name = "empty-" + java.util.UUID.randomUUID();
        drop(inbox, name + ".json", "");

        Path ack = DATA_DIR.resolve("outbox").resolve("acks").resolve(name + "-ack.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ack));
        assertThat(Files.readString(ack)).contains("OperationOutcome");
        // Camel moves a dropped file out when its exchange completes, just after the answer is written.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve(name + ".json")));
    }

    private static void drop(Path inbox, String name, String content) throws Exception {
        Files.writeString(inbox.resolve("." + name + ".tmp"), content);
        Files.move(inbox.resolve("." + name + ".tmp"), inbox.resolve(name));
    }

    @Test
    void a_message_on_the_jms_inbox_is_answered_on_its_reply_queue_and_delivered() throws Exception {
        String fresh = Examples.freshStin();
        String headerId = Examples.headerId(fresh);
        String body = Examples.toXml(fresh);

        jms.send("gateway.inbox", session -> {
            TextMessage message = session.createTextMessage(body);
            message.setJMSReplyTo(session.createQueue("test.replies"));
            return message;
        });

        jms.setReceiveTimeout(30_000);
        Message reply = jms.receive("test.replies");
        assertThat(reply).isNotNull();
        String ack = reply instanceof TextMessage text ? text.getText() : new String(reply.getBody(byte[].class));
        assertThat(ackCodeOf(ack)).isEqualTo("ok");
        assertThat(ack).contains(headerId);
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
    }
}
