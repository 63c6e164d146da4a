package com.tradebot.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.crypto.LocalSecretsDirectory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The ES256 key that signs access tokens, derived from a secret seed. Secrets Manager can generate random strings
 * but not EC keys, and every Lambda instance must arrive at the same key without a race to create it; deriving the
 * P-256 private scalar from the seed (HKDF-SHA256, then reduced into [1, n-1] as in FIPS 186-5 A.2.1) gives all of
 * them the same key from a secret CloudFormation can create. Locally the seed is a random file in the secrets dir.
 */
public final class SigningKeys {
    /** Secrets Manager secret (id or ARN) whose string value is the seed, on AWS. */
    public static final String SECRET_VARIABLE = "JWT_SIGNING_SECRET_ID";
    private static final String LOCAL_SEED_FILE = "jwt-signing-seed";
    private static final byte[] INFO = "tradebot access-token ES256 key v1".getBytes(StandardCharsets.UTF_8);
    private static final int MIN_SEED_BYTES = 32;

    private SigningKeys() {
    }

    public static ECKey fromEnvironment() {
        // both variables are read up front, so the template check sees what this function needs on AWS too
        Optional<String> secretId = Env.find(SECRET_VARIABLE);
        String seed = Env.find(LocalSecretsDirectory.VARIABLE)
                .map(dir -> localSeed(new LocalSecretsDirectory(Path.of(dir))))
                .orElseGet(() -> AwsClients.secretsManager().getSecretValue(b -> b.secretId(secretId.orElseThrow(
                        () -> new IllegalStateException("Missing configuration: " + SECRET_VARIABLE)))).secretString());
        return fromSeed(seed.getBytes(StandardCharsets.UTF_8));
    }

    static String localSeed(LocalSecretsDirectory secrets) {
        return new String(secrets.readOrCreate(LOCAL_SEED_FILE, () -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return Base64.getEncoder().encode(random);
        }), StandardCharsets.UTF_8).trim();
    }

    public static ECKey fromSeed(byte[] seed) {
        if (seed.length < MIN_SEED_BYTES) {
            throw new IllegalArgumentException("Signing seed must hold at least " + MIN_SEED_BYTES + " bytes");
        }
        ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec("secp256r1");
        BigInteger order = curve.getN();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(seed, null, INFO));
        byte[] material = new byte[48]; // 64 extra bits make the modular reduction's bias negligible
        hkdf.generateBytes(material, 0, material.length);
        BigInteger d = new BigInteger(1, material).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(d).normalize();
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, spec));
            ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), spec));
            return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot build the ES256 signing key", e);
        }
    }
}
