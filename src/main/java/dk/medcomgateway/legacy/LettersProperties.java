package dk.medcomgateway.legacy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The legacy letter rules (config/letters.yaml).
 *
 * @param gatewayEan       the EAN location number receipts are sent from when the letter's own receiver
 *                         cannot be read or is not in the partner directory
 * @param oioxmlNamespaces the OIOXML namespaces accepted (Java regular expressions, whole match)
 * @param receiptNamespace the namespace of the receipts the gateway writes (XCTL02/XCTL03)
 */
@ConfigurationProperties("gateway.letters")
public record LettersProperties(@DefaultValue("5790000000000") String gatewayEan,
                                @DefaultValue("http://rep\\.oio\\.dk/(sundcom\\.dk/)?medcom\\.dk/xml/schemas/\\d{4}/\\d{2}/\\d{2}/")
                                List<String> oioxmlNamespaces,
                                @DefaultValue("http://rep.oio.dk/sundcom.dk/medcom.dk/xml/schemas/2005/08/07/") String receiptNamespace) {
}
