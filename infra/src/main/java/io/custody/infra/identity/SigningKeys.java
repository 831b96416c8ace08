package io.custody.infra.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 keys access tokens are signed with: the first signs, all verify, and all public halves are served as the
 * JWKS. Keys come from {@code custody.identity.signing-keys} (a JWK set with private keys, newest first); without it a
 * development key set is generated once into the identity data directory (owner-only permissions) with a warning, as
 * the MPC nodes' development keys are. {@link #rotate()} puts a new key in front and keeps at most
 * {@value #KEPT} keys, so tokens signed by the previous key stay valid until they expire.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final int KEPT = 3;
    static final String DEV_FILE = "dev-signing-keys.jwks.json";

    private final Path devFile;
    private final Clock clock;
    private volatile List<ECKey> keys;

    private SigningKeys(List<ECKey> keys, Path devFile, Clock clock) {
        this.keys = List.copyOf(keys);
        this.devFile = devFile;
        this.clock = clock;
    }

    /** The configured keys, or else the development keys of {@code identityDir}, created on first use. */
    public static SigningKeys load(String configured, Path identityDir, Clock clock) {
        if (configured != null && !configured.isBlank()) {
            return new SigningKeys(parse(configured), null, clock);
        }
        Path file = identityDir.resolve(DEV_FILE);
        try {
            if (Files.exists(file)) {
                return new SigningKeys(parse(Files.readString(file, StandardCharsets.UTF_8)), file, clock);
            }
            SigningKeys created = new SigningKeys(List.of(generate(clock)), file, clock);
            created.save();
            log.warn("generated a development signing key for access tokens in {}; set CUSTODY_IDENTITY_SIGNING_KEYS "
                    + "(a JWK set with private ES256 keys) in production", file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the development signing keys in " + identityDir, e);
        }
    }

    /** The key that signs new tokens. */
    public ECKey current() {
        return keys.get(0);
    }

    /** The key with this id, if it is still one this server accepts. */
    public Optional<ECKey> byId(String keyId) {
        return keys.stream().filter(k -> k.getKeyID().equals(keyId)).findFirst();
    }

    /** Public halves only: what {@code /.well-known/jwks.json} serves. */
    public JWKSet publicKeys() {
        return new JWKSet(new ArrayList<JWK>(keys)).toPublicJWKSet();
    }

    /** A new key signs from now on; the previous ones keep verifying until they fall off the end. */
    public synchronized void rotate() {
        List<ECKey> next = new ArrayList<>();
        next.add(generate(clock));
        next.addAll(keys.subList(0, Math.min(keys.size(), KEPT - 1)));
        keys = List.copyOf(next);
        if (devFile != null) {
            save();
        }
        log.info("access token signing key rotated; now signing with {}", current().getKeyID());
    }

    static BouncyCastleProvider provider() {
        return Provider.INSTANCE;
    }

    private static final class Provider {
        static final BouncyCastleProvider INSTANCE = new BouncyCastleProvider();
    }

    private static ECKey generate(Clock clock) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .provider(provider())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .issueTime(java.util.Date.from(clock.instant()))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    private static List<ECKey> parse(String json) {
        try {
            List<ECKey> parsed = new ArrayList<>();
            for (JWK key : JWKSet.parse(json).getKeys()) {
                if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()
                        || ec.getKeyID() == null) {
                    throw new IllegalArgumentException("every signing key must be a private P-256 (ES256) JWK with a kid");
                }
                parsed.add(ec);
            }
            if (parsed.isEmpty()) throw new IllegalArgumentException("the signing key set is empty");
            return parsed;
        } catch (ParseException e) {
            // the message of a JWK parse error could quote key material
            throw new IllegalArgumentException("the signing key set is not a JWK set");
        }
    }

    private void save() {
        try {
            Files.createDirectories(devFile.getParent());
            Path tmp = devFile.resolveSibling(DEV_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, new JWKSet(new ArrayList<JWK>(keys)).toString(false), StandardCharsets.UTF_8);
            Files.move(tmp, devFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the development signing keys to " + devFile, e);
        }
    }
}
