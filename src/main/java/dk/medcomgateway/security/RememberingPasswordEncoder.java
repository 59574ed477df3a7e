package dk.medcomgateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt that remembers the passwords it has verified. A partner system sends its credentials (HTTP Basic)
 * with every message, and checking a cost-10 bcrypt hash takes 50-100 ms of CPU: more than everything
 * else the gateway does for a message on structural validation. A password that matched once is
 * remembered as an HMAC under a key that lives only in this process (so the memory holds nothing a
 * heap dump could be brute-forced from faster than the bcrypt hash itself), bound to the stored hash:
 * a changed users file (new hash) is checked by bcrypt again. Mismatches are never remembered, so a
 * wrong password always costs the full bcrypt check.
 *
 * <p>Concurrent checks of the same password against the same hash share one bcrypt check: after a restart a
 * partner's senders all arrive at once, and each used to pay the full check before the first was remembered.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    /** Enough for every partner system and staff member; the oldest is forgotten first beyond that. */
    private static final int REMEMBERED = 1024;

    private final PasswordEncoder bcrypt;
    private final SecretKeySpec key;
    private final Map<String, Boolean> verified = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    /** The bcrypt checks running now, by proof: a second caller with the same password waits for the first. */
    private final ConcurrentMap<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();

    RememberingPasswordEncoder(PasswordEncoder bcrypt) {
        this.bcrypt = bcrypt;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return bcrypt.matches(rawPassword, encodedPassword);
        }
        String proof = proof(rawPassword, encodedPassword);
        if (verified.containsKey(proof)) {
            return true;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(proof, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean matches = bcrypt.matches(rawPassword, encodedPassword);
            if (matches) {
                verified.put(proof, Boolean.TRUE);
            }
            mine.complete(matches);
            return matches;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(proof, mine);
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    private String proof(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
