package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Attacks on access tokens: each forged or stale token must be refused. */
class AccessTokensTest {
    private static final ECKey KEY = SigningKeys.fromSeed("seed-of-the-test-signing-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final AccessTokens tokens = new AccessTokens(KEY, clock);

    @Test
    void aFreshTokenNamesTheUserAndRole() {
        String token = tokens.issue("user-1", Role.PROVIDER);
        assertThat(tokens.verify(token)).contains(new Principal("user-1", Role.PROVIDER,
                clock.instant().plus(AccessTokens.LIFETIME)));
    }

    @Test
    void expiresAfterFifteenMinutes() {
        String token = tokens.issue("user-1", Role.USER);
        clock.advance(Duration.ofMinutes(14));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = tokens.issue("user-1", Role.USER).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"USER\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(payload).contains("ADMIN");
        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void refusesAlgNone() {
        PlainJWT unsigned = new PlainJWT(new PlainHeader.Builder().type(AccessTokens.TYPE).build(), claims("admin-1", "ADMIN").build());
        assertThat(tokens.verify(unsigned.serialize())).isEmpty();
        // and the classic variant: a signed token's header swapped for alg=none with the signature stripped
        String[] parts = tokens.issue("user-1", Role.USER).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void refusesHmacSignedWithThePublicKey() throws Exception {
        byte[] publicKeyBytes = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE).build(),
                claims("admin-1", "ADMIN").build());
        jwt.sign(new MACSigner(java.security.MessageDigest.getInstance("SHA-256").digest(publicKeyBytes)));
        assertThat(tokens.verify(jwt.serialize())).isEmpty();
    }

    @Test
    void refusesTokensSignedByAnotherKey() throws Exception {
        ECKey other = SigningKeys.fromSeed("a-different-seed-nobody-should-know-0123456".getBytes(StandardCharsets.UTF_8));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AccessTokens.TYPE)
                .keyID(KEY.getKeyID()).build(), claims("admin-1", "ADMIN").build());
        jwt.sign(new ECDSASigner(other));
        assertThat(tokens.verify(jwt.serialize())).isEmpty();
    }

    @Test
    void refusesOurSignatureOnTheWrongTypeIssuerAudienceOrRole() throws Exception {
        assertThat(tokens.verify(sign(JOSEObjectType.JWT, claims("u", "USER")))).isEmpty();
        assertThat(tokens.verify(sign(AccessTokens.TYPE, claims("u", "USER").issuer("someone-else")))).isEmpty();
        assertThat(tokens.verify(sign(AccessTokens.TYPE, claims("u", "USER").audience("other-api")))).isEmpty();
        assertThat(tokens.verify(sign(AccessTokens.TYPE, claims("u", "ROOT")))).isEmpty();
        assertThat(tokens.verify(sign(AccessTokens.TYPE, claims("u", "USER")))).isPresent();
    }

    @Test
    void refusesGarbage() {
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("not.a.jwt")).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    private String sign(JOSEObjectType type, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(KEY.getKeyID()).build(),
                claims.build());
        jwt.sign(new ECDSASigner(KEY));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String subject, String role) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).audience(AccessTokens.AUDIENCE).subject(subject)
                .claim("role", role).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID("jti-1");
    }
}
