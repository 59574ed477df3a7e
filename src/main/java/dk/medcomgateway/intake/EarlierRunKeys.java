package dk.medcomgateway.intake;

import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keys in the duplicate store taken before this gateway process started. A message whose key is
 * one of these and that has no answer stored was being processed when an earlier run stopped: its
 * sender never got an answer, so its retry must be processed, not refused as "still being processed".
 * Asked only for such a retry, so a start-up does not scan a store that holds every key ever taken.
 */
@Component
public class EarlierRunKeys {

    private final JdbcTemplate jdbc;
    // Camel's JDBC repository stamps a key with this JVM's clock, as here.
    private final Timestamp started = new Timestamp(System.currentTimeMillis());

    public EarlierRunKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean took(String key) {
        return !jdbc.queryForList("SELECT 1 FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId = ? AND createdAt < ?",
                Integer.class, IdempotencyConfiguration.PROCESSOR_NAME, key, started).isEmpty();
    }
}
