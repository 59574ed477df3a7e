package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dk.medcomgateway.mail.GatewayMail;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import jakarta.mail.internet.InternetAddress;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The notices wired as the application wires them: spring.mail.* for the server, gateway.notices.* for sender and lists. */
class NoticeConfigurationTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Configuration
    @EnableConfigurationProperties(NoticeProperties.class)
    @Import({OutageNotices.class, GatewayMail.class})
    static class Wiring {
        @Bean
        PartnerDirectory partnerDirectory() {
            return new PartnerDirectory(List.of(new Partner("Plejecenter Herlev", "953741000016009", null,
                    new Partner.Delivery(null, null, "outbox/herlev"), "plejecenter@herlev.dk", null, null)));
        }
    }

    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(Wiring.class);

    @Test
    void senderDefaultsToTheGatewayAndBroadcastsAlsoGoToTheConfiguredAlwaysToLists() {
        gateway.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + greenMail.getSmtp().getPort(),
                        "gateway.notices.always-to[0]=driftstatus@regionh.dk", "gateway.notices.always-to[1]=intranet@regionh.dk")
                .run(context -> {
                    List<String> sentTo = context.getBean(OutageNotices.class)
                            .broadcast(outage(), NoticeKind.ANNOUNCEMENT, List.of("plejecenter@herlev.dk"));

                    assertThat(sentTo).containsExactly("plejecenter@herlev.dk", "driftstatus@regionh.dk", "intranet@regionh.dk");
                    assertThat(greenMail.getReceivedMessages()).hasSize(3);
                    assertThat(greenMail.getReceivedMessages()[0].getFrom()).containsExactly(new InternetAddress("edi-gateway@localhost"));
                });
    }

    @Test
    void withNoListsConfiguredABroadcastGoesOnlyToTheListsItIsGiven() {
        gateway.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + greenMail.getSmtp().getPort(),
                        "gateway.notices.from=edi-servicedesk@regionh.dk")
                .run(context -> {
                    assertThat(context.getBean(NoticeProperties.class).alwaysTo()).isEmpty();
                    assertThat(context.getBean(OutageNotices.class)
                            .broadcast(outage(), NoticeKind.STATUS, List.of("plejecenter@herlev.dk")))
                            .containsExactly("plejecenter@herlev.dk");
                    assertThat(greenMail.getReceivedMessages()[0].getFrom())
                            .containsExactly(new InternetAddress("edi-servicedesk@regionh.dk"));
                });
    }

    private static Outage outage() {
        LocalDateTime start = LocalDateTime.of(2025, 3, 12, 18, 0);
        return new Outage(7, Outage.Kind.planned, false, "EOJ upgrade", List.of("953741000016009"), List.of(), start,
                start.plusHours(4), new Outage.Contact("Mette Jensen", null, null), Outage.Status.scheduled, null, false, true,
                start.minusDays(7), start.minusDays(7), start.plusHours(2), null);
    }
}
