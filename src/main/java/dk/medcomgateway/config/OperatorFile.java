package dk.medcomgateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * An operator's file that the jar also carries a copy of, under {@code config/} on its classpath: the partner
 * directory, the users and the validation policy. The operator's file is read when it exists. When it does not,
 * the gateway starts on the packaged copy (the repository's {@code config/} file: demo partners and demo users,
 * MedCom's validation policy) and says so in the log, at WARN, naming the file it looked for. The users file is
 * the exception once the operator has named it or the config dir: then a missing file stops the gateway rather
 * than open it to the demo users, whose passwords are published.
 */
public final class OperatorFile {

    private static final Logger log = LoggerFactory.getLogger(OperatorFile.class);

    /** Reads one of these files; {@code source} names it (a path, or the packaged copy) for messages. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(InputStream content, String source) throws IOException;
    }

    public static final OperatorFile PARTNERS = new OperatorFile("partner directory", "the demo partner directory",
            "config/partners.yaml", "gateway.partners-file");
    public static final OperatorFile USERS = new OperatorFile("users file", "the demo users (their passwords are in the README)",
            "config/users.yaml", "gateway.users-file");
    public static final OperatorFile VALIDATION_POLICY = new OperatorFile("validation policy", "MedCom's validation policy",
            "config/validation.yaml", "gateway.validation-policy-file");

    private final String what;
    private final String packagedContent;
    private final String packaged;
    private final String property;

    private OperatorFile(String what, String packagedContent, String packaged, String property) {
        this.what = what;
        this.packagedContent = packagedContent;
        this.packaged = packaged;
        this.property = property;
    }

    /** The classpath location of the packaged copy, e.g. {@code config/partners.yaml}. */
    public String packaged() {
        return packaged;
    }

    /** Reads {@code file}, or when it does not exist, the packaged copy (WARN in the log). */
    public <T> T read(Path file, Reader<T> reader) {
        return read(file, false, reader);
    }

    /**
     * Reads {@code file}; when it does not exist, the packaged copy (WARN in the log), unless {@code required}: then
     * the gateway does not start.
     */
    public <T> T read(Path file, boolean required, Reader<T> reader) {
        if (required && (file == null || !Files.exists(file))) {
            throw new IllegalStateException("No " + what + " at " + absolute(file) + ". It was named (--" + property
                    + " or --gateway.config-dir), so the gateway does not start on " + packagedContent + " packaged in the jar");
        }
        if (file != null && Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                return reader.read(in, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the " + what + " " + file + ": " + e.getMessage(), e);
            }
        }
        String source = "classpath:" + packaged;
        try (InputStream in = OperatorFile.class.getClassLoader().getResourceAsStream(packaged)) {
            if (in == null) {
                throw new IllegalStateException("No " + what + " at " + absolute(file) + ", and the jar carries none at " + source);
            }
            log.warn("No {} at {}: running on {} packaged in the jar ({}). Put yours there, or name it with --{} or --gateway.config-dir",
                    what, absolute(file), packagedContent, source, property);
            return reader.read(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged " + what + " " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the operator named this file, or the config dir it lives in (command line, environment, system
     * property, their own config file), rather than leaving both to the defaults packaged in the jar.
     */
    public boolean namedByOperator(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return false;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            // Spring's view over all the other sources, the jar's own application.yaml among them, is no operator's.
            boolean packagedDefaults = source.getName().contains("class path resource")
                    || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source);
            if (!packagedDefaults && (source.containsProperty(property) || source.containsProperty("gateway.config-dir"))) {
                return true;
            }
        }
        return false;
    }

    private static Object absolute(Path file) {
        return file == null ? "(none given)" : file.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return what;
    }
}
