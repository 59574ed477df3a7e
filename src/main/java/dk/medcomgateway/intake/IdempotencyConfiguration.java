package dk.medcomgateway.intake;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Camel's JDBC idempotent repository of MessageHeader.ids, in the ledger database. A key left by a
 * run that stopped before answering is given back when the sender's retry finds it (EarlierRunKeys),
 * not at start-up: checking every key at start added 25-30 s to it with a million messages in the ledger.
 */
@Configuration
public class IdempotencyConfiguration {

    static final String PROCESSOR_NAME = "intake";

    @Bean
    @DependsOn("flywayInitializer")
    public IdempotentRepository messageIdRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, PROCESSOR_NAME);
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
