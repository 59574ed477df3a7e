package dk.medcomgateway.config;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.tags.Tag;
import java.time.LocalDateTime;
import java.util.Comparator;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What no property of springdoc (configured in application.yaml) sets for the OpenAPI description of
 * the API, which is checked into docs/openapi.yaml and must come out the same every time.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // A LocalDateTime is the gateway's local time without an offset, not the offset date-time (RFC 3339)
        // that OpenAPI's date-time format means; the strict request fields (escort contracts and settlements)
        // refuse an offset.
        SpringDocUtils.getConfig().replaceWithSchema(LocalDateTime.class, new StringSchema()
                .description("Local date-time of the gateway (Europe/Copenhagen), without offset").example("2026-03-05T23:10"));
    }

    /** springdoc collects the controllers' tags in a hash set; sorted, their order does not depend on it. */
    @Bean
    OpenApiCustomizer tagsByName() {
        return openApi -> {
            if (openApi.getTags() != null) {
                openApi.getTags().sort(Comparator.comparing(Tag::getName));
            }
        };
    }
}
