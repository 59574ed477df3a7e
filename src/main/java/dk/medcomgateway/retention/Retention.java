package dk.medcomgateway.retention;

import dk.medcomgateway.ledger.BodyArchive;
import dk.medcomgateway.ledger.LedgerPruning;
import dk.medcomgateway.ledger.LedgerPruning.Due;
import dk.medcomgateway.ledger.LedgerPruning.Family;
import dk.medcomgateway.supportdesk.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One pruning run ({@code routes/retention.yaml}, once across the cluster): for each message family, first the
 * bodies past their period (archived first when the archive is on), then whole messages past theirs, in small
 * batches with a pause between them, so the intake never waits long on the database. Each run is audited
 * (actor {@code retention}) and counted ({@code gateway_retention_pruned_total}). The space freed is reused by the
 * database: the embedded ledger's background compaction (EmbeddedLedgerCompaction) frees the emptied chunks, and
 * PostgreSQL's autovacuum the emptied pages.
 */
@Component("retention")
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final String OTHERS = "others";

    /** What one run did: bodies pruned, whole messages pruned, bodies archived first, and how long it took. */
    public record Run(int bodies, int messages, int archived, Duration took) {
    }

    private final RetentionProperties settings;
    private final LedgerPruning ledger;
    private final BodyArchive archive;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;

    public Retention(RetentionProperties settings, LedgerPruning ledger, BodyArchive archive, AuditLog audit, MeterRegistry meters,
                     Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.archive = archive;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        pruned("bodies");
        pruned("messages");
    }

    public Run prune() {
        if (!settings.enabled()) {
            return new Run(0, 0, 0, Duration.ZERO);
        }
        long start = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        int bodiesPruned = 0;
        int messagesPruned = 0;
        int archived = 0;
        Budget budget = new Budget(settings.maxBatches());
        for (Map.Entry<String, Family> family : families().entrySet()) {
            RetentionProperties.Period period = settings.period(family.getKey());
            Duration bodies = period.bodies().compareTo(period.messages()) < 0 ? period.bodies() : period.messages();
            while (budget.take()) {
                List<Due> batch = ledger.bodiesDue(family.getValue(), now.minus(bodies), settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                archived += pruneBodies(batch, family.getKey(), bodies);
                bodiesPruned += batch.size();
                pause();
            }
            while (budget.take()) {
                List<Due> batch = ledger.messagesDue(family.getValue(), now.minus(period.messages()), settings.batchSize());
                if (batch.isEmpty()) {
                    break;
                }
                ledger.pruneMessages(batch);
                messagesPruned += batch.size();
                pause();
            }
        }
        Run run = new Run(bodiesPruned, messagesPruned, archived, Duration.ofNanos(System.nanoTime() - start));
        record(run);
        return run;
    }

    private int pruneBodies(List<Due> batch, String family, Duration kept) {
        List<LedgerPruning.Archived> archived = List.of();
        if (settings.archive().enabled()) {
            List<BodyArchive.Body> bodies = new ArrayList<>();
            for (Due due : batch) {
                ledger.body(due.id()).ifPresent(payload -> bodies.add(new BodyArchive.Body(due.messageHeaderId(), due.contentType(),
                        due.receivedAt(), due.eventCode(), due.sender(), payload)));
            }
            archived = archive.write(bodies);
        }
        ledger.pruneBodies(batch, archived, "body pruned by retention (" + family + ": bodies kept " + kept.toDays() + " days)");
        return archived.size();
    }

    /** Every configured family by its event codes, then the rest. */
    private Map<String, Family> families() {
        Map<String, Family> families = new LinkedHashMap<>();
        settings.families().keySet().stream().sorted().forEach(code -> families.put(code, new Family(List.of(code), false)));
        families.put(OTHERS, new Family(List.copyOf(settings.families().keySet()), true));
        return families;
    }

    private void record(Run run) {
        pruned("bodies").increment(run.bodies());
        pruned("messages").increment(run.messages());
        Counter.builder("gateway.retention.runs").description("Pruning runs of the ledger's retention").register(meters).increment();
        if (run.bodies() + run.messages() > 0) {
            audit.record("retention", "prune", run.bodies() + " bodies, " + run.messages() + " messages",
                    (run.archived() > 0 ? run.archived() + " bodies archived under " + archive.root() + "; " : "")
                            + "took " + run.took().toMillis() + " ms");
            log.info("Retention pruned {} bodies ({} archived) and {} messages in {} ms", run.bodies(), run.archived(), run.messages(),
                    run.took().toMillis());
        }
    }

    private Counter pruned(String what) {
        return Counter.builder("gateway.retention.pruned").description("What retention took out of the ledger: bodies, or whole messages")
                .tag("what", what).register(meters);
    }

    private void pause() {
        try {
            Thread.sleep(settings.batchPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Batches a run may still take. */
    private static final class Budget {
        private int left;

        Budget(int batches) {
            this.left = batches;
        }

        boolean take() {
            return left-- > 0;
        }
    }
}
