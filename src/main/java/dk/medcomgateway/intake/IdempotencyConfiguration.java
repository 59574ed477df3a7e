package dk.medcomgateway.intake;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

/** Camel's JDBC idempotent repository of MessageHeader.ids, in the ledger database. */
@Configuration
public class IdempotencyConfiguration {

    static final String PROCESSOR_NAME = "intake";

    @Bean
    @DependsOn("flywayInitializer")
    public IdempotentRepository messageIdRepository(DataSource dataSource, JdbcTemplate jdbc) {
        // An id whose message has no stored acknowledgement was being processed when the gateway
        // stopped: the sender never got an answer, so its retry must be processed, not refused.
        jdbc.update("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE processorName = ? AND messageId NOT IN"
                + " (SELECT m.message_header_id FROM message m JOIN ack_sent a ON a.message_id = m.id)", PROCESSOR_NAME);
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
