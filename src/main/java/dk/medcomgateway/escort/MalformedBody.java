package dk.medcomgateway.escort;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Optional;
import java.util.stream.Collectors;

/** Names the field of a JSON body that could not be read, for an error a caller can act on. */
public final class MalformedBody {

    private MalformedBody() {
    }

    /**
     * The path of the field Jackson failed on ("appointments.[0]"), never Jackson's own message,
     * which names Java types. Empty when the body as a whole is not JSON.
     */
    public static Optional<String> field(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Optional.of(mapping.getPath().stream()
                    .map(step -> step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]")
                    .collect(Collectors.joining(".")));
        }
        return Optional.empty();
    }
}
