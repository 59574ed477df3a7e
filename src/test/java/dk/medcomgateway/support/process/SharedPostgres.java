package dk.medcomgateway.support.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A schema of its own on the real PostgreSQL the process tests share (.ci/postgres.sh starts one;
 * {@code -Dgateway.test.postgres-url}, {@code -user}, {@code -password} point elsewhere), for
 * several gateway processes to use as their one database. Dropped on close.
 */
public final class SharedPostgres implements AutoCloseable {

    public static final String URL = System.getProperty("gateway.test.postgres-url", "jdbc:postgresql://127.0.0.1:55432/gateway");
    private static final String USER = System.getProperty("gateway.test.postgres-user", "gateway");
    private static final String PASSWORD = System.getProperty("gateway.test.postgres-password", "gateway");

    private final String schema = "gateway_it_" + System.nanoTime();

    public SharedPostgres() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    public static boolean reachable() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The gateway's arguments for this schema as its database. */
    public List<String> gatewayArguments() {
        return List.of("--spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD);
    }

    /** The single number a query answers, e.g. a count. */
    public long number(String query, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.setSchema(schema);
            try (PreparedStatement st = connection.prepareStatement(query)) {
                for (int i = 0; i < parameters.length; i++) {
                    st.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = st.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
