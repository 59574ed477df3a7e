package dk.medcomgateway.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Every mail the gateway writes (outage notices, a ward's missing report, escort contracts): plain
 * UTF-8 text from {@code gateway.notices.from}, marked as machine-made. A mail server that cannot
 * take it throws {@link MailException}; callers keep the mail and try again.
 */
@Component
public class GatewayMail {

    private final JavaMailSender mailSender;
    private final String from;

    /** @param from the sender of every mail; the outage notices' setting, as they were the first mails */
    public GatewayMail(JavaMailSender mailSender, @Value("${gateway.notices.from:edi-gateway@localhost}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    public void send(String to, String subject, String body) {
        send(List.of(to), false, subject, body);
    }

    /** @param blind the recipients go in Bcc, so members of one distribution list do not see the others */
    public void send(List<String> to, boolean blind, String subject, String body) {
        String[] addresses = to.toArray(String[]::new);
        mailSender.send(message -> {
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            if (blind) {
                // An empty group, as mail clients write it: a mail without To is scored as spam by common filters.
                message.setHeader("To", "undisclosed-recipients:;");
                helper.setBcc(addresses);
            } else {
                helper.setTo(addresses);
            }
            helper.setSubject(subject);
            helper.setText(body);
            // Out-of-office replies and list auto-responders must not answer a machine (RFC 3834).
            message.setHeader("Auto-Submitted", "auto-generated");
        });
    }
}
