package dk.medcomgateway.ledger;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * For the embedded H2 ledger only: its connection pool is wrapped so that every write waits for the group commit
 * ({@link GroupCommitDataSource}). The JDBC URL's {@code WRITE_DELAY} lets H2 return from a commit before it wrote
 * the file; the wrapper is what makes the caller wait. PostgreSQL writes its own log at commit and is left as it is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
class GroupCommitConfiguration {

    @Bean
    static BeanPostProcessor ledgerGroupCommit(@Value("${gateway.ledger.group-commit-linger:5ms}") Duration linger) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof GroupCommitDataSource)
                        ? new GroupCommitDataSource(pool, linger) : bean;
            }
        };
    }
}
