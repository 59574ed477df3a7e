package dk.medcomgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.config.RouteFiles.Origin;
import dk.medcomgateway.config.RouteFiles.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

/**
 * The routes the gateway loads: those packaged in the jar, a file of the routes directory with a packaged one's name
 * replacing it, any other file there added; each file once.
 */
class RoutesDirTest {

    private static final List<String> PACKAGED = List.of("deliver.yaml", "intake-http.yaml", "intake-pipeline.yaml");

    @TempDir
    Path dir;

    @Test
    void without_a_routes_directory_the_packaged_routes_are_loaded() {
        RouteFiles routes = RouteFiles.of(PACKAGED, null);

        assertThat(routes.includePattern())
                .isEqualTo("classpath:routes/deliver.yaml,classpath:routes/intake-http.yaml,classpath:routes/intake-pipeline.yaml");
        assertThat(routes.describe()).contains("packaged in the jar (classpath:routes/): deliver.yaml intake-http.yaml intake-pipeline.yaml")
                .contains("no routes directory");
    }

    @Test
    void a_file_named_as_a_packaged_route_replaces_it_and_any_other_is_added() throws Exception {
        Files.writeString(dir.resolve("deliver.yaml"), "- route: {}\n");
        Files.writeString(dir.resolve("my-extra.yaml"), "- route: {}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a route");
        Files.createDirectory(dir.resolve("old.yaml"));
        String files = "file:" + dir.toAbsolutePath().normalize().toString().replace('\\', '/') + "/";

        RouteFiles routes = RouteFiles.of(PACKAGED, dir);

        assertThat(routes.routes()).containsExactly(
                new Route("deliver.yaml", files + "deliver.yaml", Origin.REPLACES_PACKAGED),
                new Route("intake-http.yaml", "classpath:routes/intake-http.yaml", Origin.PACKAGED),
                new Route("intake-pipeline.yaml", "classpath:routes/intake-pipeline.yaml", Origin.PACKAGED),
                new Route("my-extra.yaml", files + "my-extra.yaml", Origin.ADDED));
        assertThat(routes.includePattern().split(",")).hasSize(4).doesNotHaveDuplicates()
                .doesNotContain("classpath:routes/deliver.yaml");
        assertThat(routes.describe()).contains("packaged in the jar (classpath:routes/): intake-http.yaml intake-pipeline.yaml")
                .contains("replacing packaged ones: deliver.yaml, added: my-extra.yaml");
    }

    @Test
    void a_routes_directory_with_every_packaged_name_replaces_them_all() throws Exception {
        for (String name : PACKAGED) {
            Files.writeString(dir.resolve(name), "- route: {}\n");
        }

        assertThat(RouteFiles.of(PACKAGED, dir).routes()).extracting(Route::origin).containsOnly(Origin.REPLACES_PACKAGED);
    }

    @Test
    void the_gateway_finds_its_packaged_routes_on_the_classpath() {
        assertThat(RoutesPostProcessor.packaged(getClass().getClassLoader()))
                .contains("deliver.yaml", "intake-pipeline.yaml", "intake-http.yaml");
    }

    @Test
    void the_routes_dir_given_is_used_and_home_routes_otherwise_when_it_exists() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path given = Files.createDirectory(dir.resolve("given"));

        assertThat(RoutesPostProcessor.routesDir(new MockEnvironment().withProperty("gateway.home", home.toString()))).isNull();
        Files.createDirectory(home.resolve("routes"));
        assertThat(RoutesPostProcessor.routesDir(new MockEnvironment().withProperty("gateway.home", home.toString())))
                .isEqualTo(home.resolve("routes"));
        assertThat(RoutesPostProcessor.routesDir(new MockEnvironment().withProperty("gateway.home", home.toString())
                .withProperty("gateway.routes-dir", given.toString()))).isEqualTo(given);
    }

    @Test
    void a_routes_dir_given_that_does_not_exist_stops_the_start() {
        MockEnvironment environment = new MockEnvironment().withProperty("gateway.routes-dir", dir.resolve("missing").toString());

        assertThatThrownBy(() -> new RoutesPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing").hasMessageContaining("gateway.routes-dir");
    }

    @Test
    void the_post_processor_sets_the_include_pattern_and_leaves_one_given_alone() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("deliver.yaml"), "- route: {}\n");
        MockEnvironment environment = new MockEnvironment().withProperty("gateway.routes-dir", routes.toString());

        new RoutesPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        String pattern = environment.getProperty("camel.main.routes-include-pattern");
        assertThat(pattern).contains("classpath:routes/intake-pipeline.yaml")
                .contains("file:" + routes.toAbsolutePath().normalize().toString().replace('\\', '/') + "/deliver.yaml")
                .doesNotContain("classpath:routes/deliver.yaml");

        MockEnvironment given = new MockEnvironment().withProperty("camel.main.routes-include-pattern", "file:/somewhere/*.yaml");
        new RoutesPostProcessor(new DeferredLogs()).postProcessEnvironment(given, new SpringApplication());
        assertThat(given.getProperty("camel.main.routes-include-pattern")).isEqualTo("file:/somewhere/*.yaml");
    }
}
