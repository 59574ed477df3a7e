package dk.medcomgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code gateway.data-dir} absolute and creates it before anything reads it: the H2 URL,
 * the Artemis journal and the Camel file endpoints are all derived from it, and H2 refuses
 * implicitly relative paths.
 */
public class DataDirectoryPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("gateway.data-dir", "./data");
        Path dataDir = Path.of(configured).toAbsolutePath().normalize();
        try {
            for (String sub : new String[] {"inbox", "outbox/acks", "db", "artemis"}) {
                Files.createDirectories(dataDir.resolve(sub));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("gatewayDataDir",
                Map.of("gateway.data-dir", dataDir.toString().replace('\\', '/'))));
    }
}
