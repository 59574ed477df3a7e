package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.MessageHeader;
import org.junit.jupiter.api.Test;

/** MedCom MR8: a resent message is answered the same way again and delivered only once. */
class DuplicateMessageTest extends GatewayTestBase {

    @Test
    void the_same_message_sent_as_json_and_as_xml_is_acknowledged_ok_twice_and_delivered_once() {
        String first = Examples.freshStin();
        String headerId = Examples.headerId(first);
        String resend = Examples.toXml(Examples.newBundleId(first));

        Reply firstReply = postJson(first);
        Reply secondReply = post(resend, "application/fhir+xml");

        assertThat(firstReply.ackCode()).isEqualTo("ok");
        assertThat(secondReply.ackCode()).isEqualTo("ok");
        assertThat(secondReply.respondsTo()).isEqualTo(firstReply.respondsTo()).isEqualTo(headerId);
        // Same content, but each acknowledgement is a message of its own.
        assertThat(secondReply.bundle().getIdElement().getIdPart()).isNotEqualTo(firstReply.bundle().getIdElement().getIdPart());
        MessageHeader a = (MessageHeader) firstReply.bundle().getEntryFirstRep().getResource();
        MessageHeader b = (MessageHeader) secondReply.bundle().getEntryFirstRep().getResource();
        assertThat(b.getDestinationFirstRep().getEndpoint()).isEqualTo(a.getDestinationFirstRep().getEndpoint());
        assertThat(b.getSource().getEndpoint()).isEqualTo(a.getSource().getEndpoint());

        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(trailSteps(headerId)).contains("duplicate");
    }

    @Test
    void a_rejected_message_sent_again_is_rejected_again_with_the_same_answer() {
        String json = Examples.freshStin().replaceFirst("\"eventCoding\"\\s*:\\s*\\{[^}]*\\},", "");

        Reply first = postJson(json);
        Reply second = postJson(Examples.newBundleId(json));

        assertThat(first.ackCode()).isEqualTo("fatal-error");
        assertThat(second.ackCode()).isEqualTo("fatal-error");
    }

    @Test
    void a_bundle_id_reused_for_a_new_message_header_id_is_an_error() {
        String first = Examples.freshStin();
        String sameBundleNewHeader = first.replace(Examples.headerId(first), java.util.UUID.randomUUID().toString());

        assertThat(postJson(first).ackCode()).isEqualTo("ok");
        Reply reply = postJson(sameBundleNewHeader);

        assertThat(reply.ackCode()).isEqualTo("fatal-error");
        assertThat(reply.body()).contains("Bundle.id");
        sleep(300);
        assertThat(deliveredCount(Examples.headerId(sameBundleNewHeader))).isZero();
    }

    @Test
    void copies_of_one_message_sent_at_the_same_time_are_delivered_once_and_never_answered_fatal_error() throws Exception {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(senders.submit(() -> postJson(Examples.newBundleId(json))));
            }
            List<String> codes = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                codes.add(reply.get(60, TimeUnit.SECONDS).ackCode());
            }
            // A copy that loses the race may be told to try again (transient-error), never that it is wrong.
            assertThat(codes).contains("ok").doesNotContain("fatal-error");
        } finally {
            senders.shutdownNow();
        }
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        // A copy told to try again is answered ok when it does.
        assertThat(postJson(Examples.newBundleId(json)).ackCode()).isEqualTo("ok");
    }
}
