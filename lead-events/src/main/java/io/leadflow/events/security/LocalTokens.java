package io.leadflow.events.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Keys and tokens for one machine, JDK only: what {@code deploy/local} uses in place of a company's identity provider,
 * and what the tests sign with. A token is an RS256 JWT with {@code iss}, {@code sub}/{@code upn}/
 * {@code preferred_username} (the user id; for a sales rep, the rep's id) and {@code groups} (the roles).
 *
 * <pre>
 *   java -cp lead-events.jar io.leadflow.events.security.LocalTokens keygen DIR
 *   java -cp lead-events.jar io.leadflow.events.security.LocalTokens mint PRIVATE_KEY ISSUER USER ROLES [TTL]
 * </pre>
 * ROLES is comma-separated; TTL an ISO-8601 duration or hours ({@code 8h}), 8 hours by default.
 */
public final class LocalTokens {

    private LocalTokens() {
    }

    /** Writes {@code privateKey.pem} (PKCS#8, readable by the owner only) and {@code publicKey.pem} into dir. */
    public static void generate(Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Path privateKey = dir.resolve("privateKey.pem");
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to restrict
        }
        Files.writeString(dir.resolve("publicKey.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    /** The audience Leadflow's services accept unless configured otherwise ({@code LEADFLOW_JWT_AUDIENCES}). */
    public static final String AUDIENCE = "leadflow";

    /** A signed token for user with roles, valid from issuedAt for ttl, for Leadflow's audience. */
    public static String mint(PrivateKey key, String issuer, String user, List<String> roles, Instant issuedAt,
                              Duration ttl) {
        return mint(key, issuer, AUDIENCE, user, user, roles, issuedAt, ttl);
    }

    /**
     * @param subject  the immutable id ({@code sub}) the services know the user by
     * @param username the changeable login name ({@code upn}, {@code preferred_username})
     */
    public static String mint(PrivateKey key, String issuer, String audience, String subject, String username,
                              List<String> roles, Instant issuedAt, Duration ttl) {
        List<String> groups = new ArrayList<>();
        roles.forEach(r -> groups.add(json(r)));
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + json(issuer) + ",\"aud\":" + json(audience) + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(username) + ",\"preferred_username\":" + json(username)
                + ",\"groups\":[" + String.join(",", groups) + "]"
                + ",\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + issuedAt.plus(ttl).getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token with this key", e);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("keygen")) {
            generate(Path.of(args[1]));
            return;
        }
        if ((args.length == 5 || args.length == 6) && args[0].equals("mint")) {
            PrivateKey key = readPrivateKey(Files.readString(Path.of(args[1])));
            List<String> roles = args[4].isBlank() ? List.of() : List.of(args[4].split("\\s*,\\s*"));
            Duration ttl = args.length == 6 ? duration(args[5]) : Duration.ofHours(8);
            System.out.println(mint(key, args[2], args[3], roles, Instant.now(), ttl));
            return;
        }
        System.err.println("usage: LocalTokens keygen DIR | LocalTokens mint PRIVATE_KEY_PEM ISSUER USER ROLES [TTL]");
        System.exit(2);
    }

    static Duration duration(String text) {
        if (text.matches("\\d+[hH]")) {
            return Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.matches("\\d+[mM]")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.parse(text);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
