package dk.medcomgateway.routing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The network envelope a partner's messages travel in (partners.yaml {@code delivery.envelope}):
 * bare FHIR, an EHMI/eDelivery SBDH, or a MedCom VANS envelope.
 */
public enum Envelope {
    @JsonProperty("none") NONE,
    @JsonProperty("sbdh") SBDH,
    @JsonProperty("vans") VANS
}
