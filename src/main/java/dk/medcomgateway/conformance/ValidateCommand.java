package dk.medcomgateway.conformance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.intake.IncomingMessageReader;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.routing.PartnerDirectory;
import dk.medcomgateway.routing.ReceiverResolver;
import dk.medcomgateway.validation.MessageStructureCheck;
import dk.medcomgateway.validation.MessageValidation;
import dk.medcomgateway.validation.ProfileValidator;
import dk.medcomgateway.validation.ValidationPolicyConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code java -jar medcom-gateway.jar validate [--gateway.NAME=VALUE ...] FILE|DIR ...}: the verdict the gateway
 * would give each message file (FHIR JSON or XML; a directory is searched for *.json and *.xml), its MedCom
 * acknowledgement code and its findings. Starts no web server, broker or database. Exit code 0 when every file
 * would be acknowledged ok, 1 when any would be rejected or refused, 2 for a usage error.
 * <p>
 * It reads the validation policy and the partner directory as the gateway does ({@code config/validation.yaml},
 * {@code config/partners.yaml}, those in {@code --gateway.config-dir}, or {@code --gateway.validation-policy-file},
 * {@code --gateway.partners-file}); without a validation policy it uses the one packaged in the jar, without a
 * partner directory the receivers are not checked.
 */
public final class ValidateCommand {

    public static final String NAME = "validate";

    private final PrintStream out;

    ValidateCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new ValidateCommand(System.out).run(args));
    }

    int run(String[] args) {
        quietLogging();
        Map<String, String> settings = new HashMap<>();
        List<Path> inputs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (!arg.startsWith("--")) {
                inputs.add(Path.of(arg));
            }
        }
        if (inputs.isEmpty()) {
            out.println("usage: java -jar medcom-gateway.jar validate [--gateway.NAME=VALUE ...] FILE|DIR ...");
            return 2;
        }
        List<Path> files;
        try {
            files = messageFiles(inputs);
        } catch (IOException e) {
            out.println("Cannot read " + e.getMessage());
            return 2;
        }
        ConformanceCheck check = conformanceCheck(settings);
        int ok = 0;
        int rejected = 0;
        int refused = 0;
        for (Path file : files) {
            ConformanceCheck.Verdict verdict = verdict(check, file);
            print(file, verdict);
            if (verdict.answer() == null) {
                refused++;
            } else if (verdict.accepted()) {
                ok++;
            } else {
                rejected++;
            }
        }
        out.printf("%d file(s): %d ok, %d fatal-error, %d refused%n", files.size(), ok, rejected, refused);
        return rejected + refused == 0 ? 0 : 1;
    }

    private ConformanceCheck conformanceCheck(Map<String, String> settings) {
        settings.putIfAbsent("gateway.privacy.cpr-hash-key", UUID.randomUUID().toString()); // no key file is written
        String configDir = settings.get("gateway.config-dir");
        if (configDir != null) {
            settings.putIfAbsent("gateway.partners-file", Path.of(configDir, "partners.yaml").toString());
            settings.putIfAbsent("gateway.validation-policy-file", Path.of(configDir, "validation.yaml").toString());
        }
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("gateway", GatewayProperties.class);
        FhirCodec codec = new FhirCodec();
        PartnerDirectory partners;
        ReceiverResolver receivers = null;
        if (Files.exists(properties.partnersFile())) {
            partners = new PartnerDirectory(properties);
            receivers = new ReceiverResolver(partners);
        } else {
            partners = new PartnerDirectory(List.of());
            out.println("No partner directory at " + properties.partnersFile() + ": receivers are not checked");
        }
        MessageValidation validation = new MessageValidation(new MessageStructureCheck(codec), new ProfileValidator(codec),
                partners, ValidationPolicyConfiguration.load(properties.validationPolicyFile()));
        return new ConformanceCheck(new IncomingMessageReader(codec, new PatientPseudonymizer(properties), properties),
                validation, receivers);
    }

    private static ConformanceCheck.Verdict verdict(ConformanceCheck check, Path file) {
        try {
            String type = file.toString().endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
            return check.check(type, Files.readAllBytes(file));
        } catch (IOException e) {
            return new ConformanceCheck.Verdict(null, null, false, List.of(), 0, "cannot read the file: " + e.getMessage());
        }
    }

    private void print(Path file, ConformanceCheck.Verdict verdict) {
        if (verdict.answer() == null) {
            out.println(file + ": refused" + (verdict.httpStatus() > 0 ? " (HTTP " + verdict.httpStatus() + ")" : "")
                    + ": " + verdict.refusal());
            return;
        }
        out.println(file + ": " + (verdict.acknowledgement() ? "acknowledgement, recorded" : verdict.answer().code())
                + " (MessageHeader.id " + verdict.messageHeaderId() + "), " + verdict.count("error") + " error(s), "
                + verdict.count("warning") + " warning(s)");
        for (ValidationIssue finding : verdict.findings()) {
            out.println("    " + finding.severity() + " " + (finding.rule() == null ? "-" : finding.rule())
                    + (finding.errorCode() == null ? "" : " [" + finding.errorCode() + "]")
                    + (finding.location() == null ? "" : " at " + finding.location()) + ": " + finding.text());
        }
    }

    static List<Path> messageFiles(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> found = Files.walk(input)) {
                    found.filter(Files::isRegularFile).filter(ValidateCommand::isMessageFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException(input + ": no such file or directory");
            }
        }
        return files;
    }

    private static boolean isMessageFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".xml");
    }

    /**
     * The validators log their warm-up, and HAPI's parser its leniencies while it loads the HL7 definitions: a
     * command's output is its verdicts (and a warning worth reading, such as which policy it runs on).
     */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
        if (LoggerFactory.getLogger("ca.uhn.fhir") instanceof Logger hapi) {
            hapi.setLevel(Level.ERROR);
        }
    }
}
