package dk.medcomgateway.outage;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who outage notices come from, and the distribution lists that get every broadcast whichever
 * partners are affected (the region's status page or intranet mailbox). The SMTP server itself is
 * configured by the standard {@code spring.mail.*} properties.
 *
 * @param from     sender address of every notice
 * @param alwaysTo added to the recipients of every broadcast (announcement, status, resolved)
 */
@ConfigurationProperties("gateway.notices")
public record NoticeProperties(@DefaultValue("edi-gateway@localhost") String from,
                               List<String> alwaysTo) {

    public NoticeProperties {
        alwaysTo = alwaysTo == null ? List.of() : List.copyOf(alwaysTo);
    }
}
