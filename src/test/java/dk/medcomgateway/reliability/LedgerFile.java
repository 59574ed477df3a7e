package dk.medcomgateway.reliability;

import dk.medcomgateway.support.process.GatewayProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** The H2 ledger a stopped gateway process left in its data dir, read directly. */
final class LedgerFile {

    private LedgerFile() {
    }

    /** Status per MessageHeader.id. */
    static Map<String, String> statuses(GatewayProcess stopped) throws Exception {
        Map<String, String> statuses = new HashMap<>();
        String url = "jdbc:h2:file:" + stopped.dataDir().resolve("db/ledger").toAbsolutePath();
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet rows = db.createStatement().executeQuery("SELECT message_header_id, status FROM message")) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return statuses;
    }
}
