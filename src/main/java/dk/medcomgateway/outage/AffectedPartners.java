package dk.medcomgateway.outage;

import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The partners an outage concerns: those it names by SOR or GLN, or all of them for the gateway's own link. */
@Component
public class AffectedPartners {

    /** Stands for the gateway's own link in affectedPartners: every receiver is affected. */
    public static final String GATEWAY = "gateway";

    private final PartnerDirectory directory;

    public AffectedPartners(PartnerDirectory directory) {
        this.directory = directory;
    }

    public List<Partner> of(Outage outage) {
        if (outage.affectedPartners().contains(GATEWAY)) {
            return directory.all();
        }
        return outage.affectedPartners().stream().map(directory::byCode).flatMap(Optional::stream).distinct().toList();
    }

    /** Whether a code in an outage report names something the gateway knows. */
    public boolean isKnown(String code) {
        return GATEWAY.equals(code) || directory.byCode(code).isPresent();
    }
}
