package dk.medcomgateway.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dk.medcomgateway.config.OperatorFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads config/users.yaml (when it is absent, the demo users packaged in the jar: {@link OperatorFile}).
 * A file with a clear-text password, an unknown role or a partner without senders stops the gateway:
 * better not to start than to start open.
 */
public final class UsersFile {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    record File(List<GatewayUser> users) {
    }

    private UsersFile() {
    }

    /** The users in {@code path}, or the packaged demo users when there is no such file. */
    public static Map<String, GatewayUser> load(Path path) {
        return load(path, false);
    }

    /** As {@link #load(Path)}, but with no demo users when the operator named the file or its config dir ({@code named}). */
    public static Map<String, GatewayUser> load(Path path, boolean named) {
        return OperatorFile.USERS.read(path, named, UsersFile::read);
    }

    static Map<String, GatewayUser> read(InputStream content, String path) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        File file = yaml.readValue(content, File.class);
        List<GatewayUser> users = file == null || file.users() == null ? List.of() : file.users();
        Set<String> names = new HashSet<>();
        for (GatewayUser user : users) {
            check(user, path);
            if (!names.add(user.username())) {
                throw new IllegalStateException(path + " lists user " + user.username() + " twice");
            }
        }
        return users.stream().collect(Collectors.toUnmodifiableMap(GatewayUser::username, Function.identity()));
    }

    private static void check(GatewayUser user, String path) {
        if (user.username() == null || user.username().isBlank()) {
            throw new IllegalStateException(path + ": a user has no username");
        }
        if (user.password() == null || !BCRYPT.matcher(user.password()).matches()) {
            throw new IllegalStateException(path + ": the password of " + user.username() + " is not a bcrypt hash");
        }
        if (user.roles() == null || user.roles().isEmpty()) {
            throw new IllegalStateException(path + ": " + user.username() + " has no role");
        }
        if (user.roles().contains(GatewayUser.Role.partner) && (user.senders() == null || user.senders().isEmpty())) {
            throw new IllegalStateException(path + ": partner " + user.username() + " lists no senders it may send as");
        }
    }
}
