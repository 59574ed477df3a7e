package dk.medcomgateway.config;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool that a connection to an embedded H2 database that has closed itself
 * is dead. H2 closes the database when a write fails (a full disk); its error code is not one the
 * pool recognises, so without this the pool would go on handing out those connections and the
 * gateway would answer transient-error forever, even after space is freed. Evicted, the pool
 * opens new connections, and H2 reopens the database from its file.
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED (also its SQLState). */
    private static final int H2_DATABASE_IS_CLOSED = 90098;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_CLOSED
                    && String.valueOf(H2_DATABASE_IS_CLOSED).equals(sql.getSQLState())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
