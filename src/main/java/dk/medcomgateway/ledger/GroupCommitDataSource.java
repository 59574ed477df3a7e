package dk.medcomgateway.ledger;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 ledger's connections, each of which waits for {@link LedgerGroupCommit} after it wrote: after
 * {@code commit()} of a transaction that changed something, and after an update statement run in auto-commit mode.
 * Every user of the ledger (the routes, Spring's transactions, Flyway, the cluster lock) takes its connections
 * here, so none goes on before what it wrote is in the file. (A statement's {@code getConnection()} gives the
 * connection underneath; the gateway commits through the connection it was given.)
 */
public final class GroupCommitDataSource extends DelegatingDataSource {

    private static final Set<String> UPDATES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");
    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final LedgerGroupCommit groupCommit;

    /** @param linger how long a write of the file waits for more commits while commits come side by side (see {@link LedgerGroupCommit}) */
    public GroupCommitDataSource(DataSource pool, Duration linger) {
        super(pool);
        this.groupCommit = new LedgerGroupCommit(linger);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return waiting(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return waiting(super.getConnection(username, password));
    }

    private Connection waiting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (isIdentityMethod(method)) {
                return identity(proxy, method, args);
            }
            // JDBC also commits an open transaction when auto-commit is switched on.
            if (name.equals("commit") || name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && !target.getAutoCommit()) {
                boolean wrote = session().hasPendingTransaction();
                call(target, method, args);
                if (wrote) {
                    awaitStored();
                }
                return null;
            }
            Object result = call(target, method, args);
            if (STATEMENT_FACTORIES.contains(name)) {
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {method.getReturnType()},
                        new StatementHandler((Statement) result, this));
            }
            return result;
        }

        private SessionLocal session() throws SQLException {
            return (SessionLocal) target.unwrap(JdbcConnection.class).getSession();
        }

        void awaitStored() throws SQLException {
            groupCommit.awaitStored(EmbeddedLedgerCompaction.store(target));
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final ConnectionHandler connection;

        StatementHandler(Statement target, ConnectionHandler connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (isIdentityMethod(method)) {
                return identity(proxy, method, args);
            }
            Object result = call(target, method, args);
            if (UPDATES.contains(method.getName()) && connection.target.getAutoCommit()) {
                connection.awaitStored();
            }
            return result;
        }
    }

    /** {@code equals} and {@code hashCode}: a wrapper is equal to itself only, as a plain object is. */
    private static boolean isIdentityMethod(Method method) {
        return method.getDeclaringClass() == Object.class && !method.getName().equals("toString");
    }

    private static Object identity(Object proxy, Method method, Object[] args) {
        return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
