package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.tradebot.crypto.LocalSecretsDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    private static final byte[] SEED = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameSeedAlwaysGivesTheSameP256Key() throws Exception {
        ECKey first = SigningKeys.fromSeed(SEED);
        ECKey second = SigningKeys.fromSeed(SEED.clone());
        assertThat(first.getCurve().getName()).isEqualTo("P-256");
        assertThat(first.toECPrivateKey().getS()).isEqualTo(second.toECPrivateKey().getS());
        assertThat(first.getKeyID()).isEqualTo(second.getKeyID());
        // the derived public key lies on the curve and belongs to the private key: a signature verifies
        AccessTokens tokens = new AccessTokens(first, java.time.Clock.systemUTC());
        assertThat(new AccessTokens(second, java.time.Clock.systemUTC()).verify(tokens.issue("u1", Role.USER)))
                .isPresent();
    }

    @Test
    void differentSeedsGiveDifferentKeys() {
        byte[] other = SEED.clone();
        other[0] ^= 1;
        assertThat(SigningKeys.fromSeed(other).getKeyID()).isNotEqualTo(SigningKeys.fromSeed(SEED).getKeyID());
    }

    @Test
    void refusesShortSeeds() {
        assertThatThrownBy(() -> SigningKeys.fromSeed(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLocalSeedIsGeneratedOnceAndKeptOwnerOnly(@TempDir Path dir) throws Exception {
        LocalSecretsDirectory secrets = new LocalSecretsDirectory(dir.resolve("secrets"));
        String first = SigningKeys.localSeed(secrets);
        String again = SigningKeys.localSeed(new LocalSecretsDirectory(dir.resolve("secrets")));
        assertThat(first).isEqualTo(again).hasSizeGreaterThanOrEqualTo(43);
        Path file = dir.resolve("secrets").resolve("jwt-signing-seed");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
