package dk.medcomgateway.cluster;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The timers' locks live in the gateway's own database (table shedlock, migration V11). */
@Configuration
public class ClusterLockConfiguration {

    @Bean
    LockProvider clusterLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                // The database's clock, not each instance's: instances whose clocks drift apart still agree.
                .usingDbTime()
                .build());
    }
}
