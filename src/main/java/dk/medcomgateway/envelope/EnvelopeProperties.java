package dk.medcomgateway.envelope;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Network envelope rules (config/gateway.yaml, {@code gateway.envelope}).
 *
 * @param sbdhReceiptTimeoutMs how long an SBDH receiver has to return its eDelivery receipt (in the
 *                             HTTP response or posted later to /sbdh) before the transfer counts as failed
 */
@ConfigurationProperties("gateway.envelope")
public record EnvelopeProperties(@DefaultValue("600000") long sbdhReceiptTimeoutMs) {
}
