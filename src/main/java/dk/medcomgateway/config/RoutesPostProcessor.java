package dk.medcomgateway.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Sets {@code camel.main.routes-include-pattern} to the route files the gateway runs ({@link RouteFiles}): the
 * ones packaged in the jar, replaced or added to by those in {@code gateway.routes-dir}. That directory defaults
 * to {@code ${gateway.home}/routes} when it exists; one named with {@code --gateway.routes-dir} must exist.
 * A {@code camel.main.routes-include-pattern} given by the operator is left as it is.
 */
public class RoutesPostProcessor implements EnvironmentPostProcessor {

    static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";

    private final Log log;

    public RoutesPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(RoutesPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(INCLUDE_PATTERN)) {
            log.info("Camel routes: " + INCLUDE_PATTERN + " given: " + environment.getProperty(INCLUDE_PATTERN));
            return;
        }
        RouteFiles routes = RouteFiles.of(packaged(application.getClassLoader()), routesDir(environment));
        environment.getPropertySources().addFirst(new MapPropertySource("gatewayRoutes",
                Map.of(INCLUDE_PATTERN, routes.includePattern())));
        log.info(routes.describe());
    }

    /** The operator's routes directory, or null when none is given and {@code ${gateway.home}/routes} does not exist. */
    static Path routesDir(ConfigurableEnvironment environment) {
        String given = environment.getProperty("gateway.routes-dir");
        if (given != null && !given.isBlank()) {
            Path dir = Path.of(given);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("The routes directory " + dir.toAbsolutePath().normalize()
                        + " (gateway.routes-dir) does not exist or is not a directory");
            }
            return dir;
        }
        Path dir = Path.of(environment.getProperty("gateway.home", ".")).resolve("routes");
        return Files.isDirectory(dir) ? dir : null;
    }

    /** The names of the route files packaged in the jar ({@code routes/*.yaml} on the classpath). */
    static List<String> packaged(ClassLoader classLoader) {
        try {
            List<String> names = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver(classLoader)
                    .getResources(RouteFiles.PACKAGED_LOCATION + "*.yaml")) {
                names.add(resource.getFilename());
            }
            return names;
        } catch (FileNotFoundException e) {
            return List.of(); // no routes/ on the classpath: a build without them (the routes dir must then have them all)
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the routes packaged in the jar", e);
        }
    }
}
