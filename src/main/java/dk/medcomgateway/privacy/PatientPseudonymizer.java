package dk.medcomgateway.privacy;

import dk.medcomgateway.config.GatewayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keyed hash (HMAC-SHA256) of CPR numbers, so the ledger can find a patient's messages without
 * storing the number in clear. A plain hash would not do: the CPR space is small enough to
 * enumerate. The key comes from {@code gateway.privacy.cpr-hash-key} or is generated once under
 * the data dir; losing it only makes old entries unsearchable by patient.
 */
@Component
public class PatientPseudonymizer {

    private final SecretKeySpec key;

    public PatientPseudonymizer(GatewayProperties properties) {
        String configured = properties.privacy().cprHashKey();
        byte[] secret = configured != null && !configured.isBlank()
                ? configured.getBytes(StandardCharsets.UTF_8)
                : loadOrCreate(properties.dataDir().resolve("keys").resolve("cpr-hash.key"));
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String hash(String cpr) {
        if (cpr == null || cpr.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(cpr.replace("-", "").trim().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, HexFormat.of().formatHex(secret));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the data dir's own permissions protect it
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the CPR hash key " + file, e);
        }
    }
}
