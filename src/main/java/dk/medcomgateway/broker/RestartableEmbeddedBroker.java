package dk.medcomgateway.broker;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The embedded Artemis broker, able to start afresh. On a critical I/O error (a full disk under its
 * journal) Artemis stops its server, and that server cannot be started again: its journal stays
 * marked as failed. A restart therefore builds a new server on the same configuration and journal.
 */
public class RestartableEmbeddedBroker extends EmbeddedActiveMQ {

    private boolean stopRequested;

    public RestartableEmbeddedBroker(Configuration configuration) {
        setConfiguration(configuration);
    }

    /**
     * True once the server has stopped, fully, without having been asked to: Artemis gave up on it.
     * Fully means its node manager, which holds the journal's lock, has stopped too.
     */
    public synchronized boolean stoppedByItself() {
        ActiveMQServer server = activeMQServer;
        return !stopRequested && server != null
                && server.getState() == ActiveMQServer.SERVER_STATE.STOPPED
                && server.getNodeManager() == null;
    }

    /** True while the server takes messages. */
    public synchronized boolean isRunning() {
        ActiveMQServer server = activeMQServer;
        return server != null && server.isActive();
    }

    /** Starts a new server on the journal of the stopped one; the journal's committed messages are kept. */
    public synchronized void restart() throws Exception {
        if (stopRequested) {
            return;
        }
        if (activeMQServer != null) {
            activeMQServer.stop();
            activeMQServer = null;
        }
        start();
    }

    @Override
    public synchronized EmbeddedActiveMQ stop() throws Exception {
        stopRequested = true;
        return super.stop();
    }
}
