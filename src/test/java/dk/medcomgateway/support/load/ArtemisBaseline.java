package dk.medcomgateway.support.load;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The baseline: an embedded Artemis broker with a persistent journal, in this JVM, and nothing else.
 * Senders send the feed's messages as persistent JMS messages (each send waits until the broker has
 * stored it, like the gateway's acknowledgement), as many receivers take them off the queue.
 */
final class ArtemisBaseline implements AutoCloseable {

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final ActiveMQConnectionFactory factory;

    ArtemisBaseline(Path dataDir) throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dataDir.resolve("largemessages").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .addAcceptorConfiguration("in-vm", "vm://0");
        broker.setConfiguration(configuration);
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://0");
    }

    StepResult run(MessageFeed feed, int concurrency, Duration duration, long maxMessages, Duration drain, HeapSampler heap)
            throws Exception {
        String queueName = "baseline." + concurrency + "." + System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicLong stored = new AtomicLong();
        AtomicLong received = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Latencies sendLatency = new Latencies();
        Latencies endToEnd = new Latencies();
        List<Connection> connections = new ArrayList<>();
        double cpuBefore = ProcessCpu.seconds(ProcessHandle.current().pid());
        heap.reset();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(2 * concurrency);
        AtomicLong sendEnd = new AtomicLong(Long.MAX_VALUE);
        Timeline timeline = new Timeline(start, duration);
        for (int i = 0; i < concurrency; i++) {
            Connection consumerConnection = factory.createConnection();
            connections.add(consumerConnection);
            Session consumerSession = consumerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = consumerSession.createConsumer(consumerSession.createQueue(queueName));
            consumerConnection.start();
            threads.execute(() -> receive(consumer, received, stored, sendEnd, drain, endToEnd, lastArrival, timeline, firstError));
        }
        List<Runnable> senders = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Connection connection = factory.createConnection();
            connections.add(connection);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            senders.add(() -> {
                try {
                    while (System.nanoTime() < end && sent.incrementAndGet() <= maxMessages) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(feed.next().body());
                        long before = System.nanoTime();
                        message.setLongProperty("sentAt", before);
                        producer.send(message);
                        sendLatency.add(System.nanoTime() - before);
                        stored.incrementAndGet();
                        timeline.accepted(System.nanoTime());
                    }
                } catch (JMSException e) {
                    firstError.compareAndSet(null, e.toString());
                }
            });
        }
        ExecutorService producers = Executors.newFixedThreadPool(concurrency);
        senders.forEach(producers::execute);
        producers.shutdown();
        producers.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS);
        sendEnd.set(System.nanoTime());
        threads.shutdown();
        threads.awaitTermination(drain.toSeconds() + 60, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - cpuBefore;
        for (Connection connection : connections) {
            connection.close();
        }
        double sendSeconds = (sendEnd.get() - start) / 1e9;
        double deliverSeconds = Math.max(1e-3, (lastArrival.get() - start) / 1e9);
        return new StepResult("artemis", "none", concurrency, sendSeconds, Math.min(sent.get(), maxMessages), stored.get(), 0,
                received.get(), stored.get() / sendSeconds, received.get() / deliverSeconds,
                sendLatency.percentileMs(50), sendLatency.percentileMs(95), sendLatency.percentileMs(99),
                endToEnd.percentileMs(50), endToEnd.percentileMs(99), cpu, cpu / wall, heap.maxMb(), firstError.get(),
                timeline.intervals(sendEnd.get()));
    }

    /** Takes messages until the senders are done and every stored message is received, or the drain time is up. */
    private static void receive(MessageConsumer consumer, AtomicLong received, AtomicLong stored, AtomicLong sendEnd,
                                Duration drain, Latencies endToEnd, AtomicLong lastArrival, Timeline timeline,
                                AtomicReference<String> firstError) {
        try {
            while (true) {
                jakarta.jms.Message message = consumer.receive(100);
                long now = System.nanoTime();
                if (message != null) {
                    endToEnd.add(now - message.getLongProperty("sentAt"));
                    received.incrementAndGet();
                    lastArrival.accumulateAndGet(now, Math::max);
                    timeline.delivered(now);
                } else if (now > sendEnd.get() && (received.get() >= stored.get() || now > sendEnd.get() + drain.toNanos())) {
                    return;
                }
            }
        } catch (JMSException e) {
            firstError.compareAndSet(null, e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        factory.close();
        broker.stop();
    }
}
