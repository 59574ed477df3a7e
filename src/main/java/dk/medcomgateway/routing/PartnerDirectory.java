package dk.medcomgateway.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.config.OperatorFile;
import dk.medcomgateway.fhir.MessageBundles;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The partner directory ({@code config/partners.yaml}, or {@code --gateway.partners-file}; when there is no such
 * file, the demo directory packaged in the jar, see {@link OperatorFile}): who the gateway may deliver to and how.
 * Loaded once at start-up; a broken file stops the gateway rather than letting it run with a partial directory.
 */
@Component
public class PartnerDirectory {

    record File(List<Partner> partners) {
    }

    private final List<Partner> partners;
    private final Map<String, Partner> bySor = new HashMap<>();
    private final Map<String, Partner> byGln = new HashMap<>();

    @Autowired
    public PartnerDirectory(GatewayProperties properties) {
        this(load(properties));
    }

    public PartnerDirectory(List<Partner> partners) {
        this.partners = List.copyOf(partners);
        Map<String, Partner> byId = new HashMap<>();
        for (Partner partner : partners) {
            check(partner);
            if (byId.put(partner.id(), partner) != null) {
                throw new IllegalStateException("Partner directory lists " + partner.id() + " twice");
            }
            if (partner.sor() != null) {
                bySor.put(partner.sor(), partner);
            }
            if (partner.gln() != null) {
                // Several SOR units may share one GLN (a municipality's location number); SOR decides then.
                byGln.putIfAbsent(partner.gln(), partner);
            }
        }
    }

    private static List<Partner> load(GatewayProperties properties) {
        return OperatorFile.PARTNERS.read(properties.partnersFile(), PartnerDirectory::read);
    }

    private static List<Partner> read(InputStream content, String source) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        File file = yaml.readValue(content, File.class);
        return file == null || file.partners() == null ? List.of() : file.partners();
    }

    private static void check(Partner partner) {
        if (partner.id() == null || partner.id().isBlank()) {
            throw new IllegalStateException("Partner " + partner.name() + " has neither a SOR code nor a GLN");
        }
        Partner.Delivery d = partner.delivery();
        int targets = d == null ? 0 : (d.url() != null ? 1 : 0) + (d.queue() != null ? 1 : 0) + (d.directory() != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalStateException("Partner " + partner.id() + " must have exactly one of delivery.url, delivery.queue, delivery.directory");
        }
        if (partner.envelope() == Envelope.SBDH && (partner.gln() == null || partner.gln().isBlank())) {
            throw new IllegalStateException("Partner " + partner.id() + " has delivery.envelope sbdh but no gln: an SBDH names its receiver by GLN");
        }
    }

    public List<Partner> all() {
        return new ArrayList<>(partners);
    }

    public Optional<Partner> bySor(String sor) {
        return Optional.ofNullable(bySor.get(sor));
    }

    public Optional<Partner> byGln(String gln) {
        return Optional.ofNullable(byGln.get(gln));
    }

    /** A partner named by either of its codes, as outage reports and support staff name them: SOR first, then GLN. */
    public Optional<Partner> byCode(String sorOrGln) {
        return bySor(sorOrGln).or(() -> byGln(sorOrGln));
    }

    /**
     * The partner that sent a message, if it is in the directory: by the sender Organization's SOR,
     * the SOR in MessageHeader.source.endpoint, or the sender's GLN, in that order.
     */
    public Optional<Partner> sender(Bundle bundle) {
        MessageHeader header = MessageBundles.header(bundle);
        if (header == null) {
            return Optional.empty();
        }
        Optional<Organization> organization = MessageBundles.sender(bundle);
        return organization.flatMap(org -> MessageBundles.identifier(org, MessageBundles.SOR_SYSTEM)).flatMap(this::bySor)
                .or(() -> MessageBundles.sorFromEndpoint(header.getSource().getEndpoint()).flatMap(this::bySor))
                .or(() -> organization.flatMap(org -> MessageBundles.identifier(org, MessageBundles.GLN_SYSTEM)).flatMap(this::byGln));
    }

    public Optional<Partner> byId(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
