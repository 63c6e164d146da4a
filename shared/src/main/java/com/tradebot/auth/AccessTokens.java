package com.tradebot.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens: ES256-signed JWTs of type {@code at+jwt}, valid 15 minutes, naming the user ({@code sub}) and role.
 * Verification accepts ES256 with our key only, so {@code alg: none}, HMAC-with-the-public-key and foreign keys fail.
 */
public final class AccessTokens implements TokenVerifier {
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    static final String ISSUER = "tradebot";
    static final String AUDIENCE = "tradebot-api";
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final ECKey key;
    private final ECDSASigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Clock clock;

    public AccessTokens(ECKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Not an EC signing key", e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "role", "exp", "iat", "jti")) {
            @Override
            protected Date currentTime() {
                return Date.from(AccessTokens.this.clock.instant());
            }
        };
        claims.setMaxClockSkew((int) CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public String issue(String userId, Role role) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("role", role.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(key.getKeyID()).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The principal named by a valid, unexpired token of ours; empty for anything else. */
    @Override
    public Optional<Principal> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Optional<Role> role = Role.parse(claims.getStringClaim("role"));
            return role.map(r -> new Principal(claims.getSubject(), r, claims.getExpirationTime().toInstant()));
        } catch (Exception invalid) {
            return Optional.empty();
        }
    }
}
