package dk.medcomgateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Camel route files the gateway loads: the ones packaged in the jar ({@code classpath:routes/*.yaml}), and an
 * operator's routes directory, if any. A file in the directory with the name of a packaged one replaces it; any
 * other {@code *.yaml} there is added. So no route file is loaded twice, and Camel never sees two files defining
 * the same routes.
 */
public final class RouteFiles {

    /** Where a route file comes from. */
    public enum Origin {
        PACKAGED, REPLACES_PACKAGED, ADDED
    }

    /** One route file: its name, the location Camel loads it from, and where it comes from. */
    public record Route(String name, String location, Origin origin) {
    }

    static final String PACKAGED_LOCATION = "classpath:routes/";

    private final List<Route> routes;
    private final Path dir;

    private RouteFiles(List<Route> routes, Path dir) {
        this.routes = List.copyOf(routes);
        this.dir = dir;
    }

    /**
     * @param packaged the names of the route files packaged in the jar, e.g. {@code deliver.yaml}
     * @param dir      the operator's routes directory, or null for none
     */
    public static RouteFiles of(Collection<String> packaged, Path dir) {
        TreeMap<String, Route> byName = new TreeMap<>();
        for (String name : packaged) {
            byName.put(name, new Route(name, PACKAGED_LOCATION + name, Origin.PACKAGED));
        }
        Path absolute = dir == null ? null : dir.toAbsolutePath().normalize();
        if (absolute != null) {
            for (Path file : yamlFiles(absolute)) {
                String name = file.getFileName().toString();
                Origin origin = byName.containsKey(name) ? Origin.REPLACES_PACKAGED : Origin.ADDED;
                byName.put(name, new Route(name, "file:" + file.toString().replace('\\', '/'), origin));
            }
        }
        return new RouteFiles(new ArrayList<>(byName.values()), absolute);
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the routes directory " + dir, e);
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** The value of {@code camel.main.routes-include-pattern}: every file by its own location. */
    public String includePattern() {
        return routes.stream().map(Route::location).collect(Collectors.joining(","));
    }

    /** Which routes come from where, for the log. */
    public String describe() {
        StringBuilder text = new StringBuilder("Camel routes: ").append(routes.size()).append(" file(s)");
        text.append("; packaged in the jar (").append(PACKAGED_LOCATION).append("): ").append(names(Origin.PACKAGED));
        if (dir == null) {
            text.append("; no routes directory");
        } else {
            text.append("; from ").append(dir).append(", replacing packaged ones: ").append(names(Origin.REPLACES_PACKAGED))
                    .append(", added: ").append(names(Origin.ADDED));
        }
        return text.toString();
    }

    private String names(Origin origin) {
        List<String> names = routes.stream().filter(r -> r.origin() == origin).map(Route::name).toList();
        return names.isEmpty() ? "none" : String.join(" ", names);
    }
}
