package dk.medcomgateway.eds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * EHMI Delivery Status (config/gateway.yaml, {@code gateway.eds}).
 *
 * @param url      base URL of the EDS FHIR server; events are POSTed to {url}/AuditEvent. Empty: off.
 * @param deviceId how the gateway names itself as the reporting device (AuditEvent.source.observer)
 */
@ConfigurationProperties("gateway.eds")
public record EdsProperties(@DefaultValue("") String url, @DefaultValue("medcom-gateway") String deviceId) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
