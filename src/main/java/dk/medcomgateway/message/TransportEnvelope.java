package dk.medcomgateway.message;

/**
 * The network envelope a message hop travelled in, for the EDS ehmiTransportEnvelope entity.
 * Intake channels that unwrap an envelope put it on the exchange under {@link #PROPERTY}.
 */
public record TransportEnvelope(String type, String id, String version) {

    public static final String PROPERTY = "gatewayTransportEnvelope";
}
