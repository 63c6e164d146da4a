package com.tradebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AeadsTest {
    private static final byte[] SECRET = "api-secret-value".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "exchange-key|user-1|binance".getBytes(StandardCharsets.UTF_8);

    @Test
    void theLocalKeysetIsCreatedOnceAndDecryptsAcrossInstances(@TempDir Path dir) throws Exception {
        Aead first = Aeads.localKeyset(new LocalSecretsDirectory(dir));
        byte[] ciphertext = first.encrypt(SECRET, AD);
        Aead reloaded = Aeads.localKeyset(new LocalSecretsDirectory(dir));
        assertThat(reloaded.decrypt(ciphertext, AD)).isEqualTo(SECRET);
        assertThat(Files.readString(dir.resolve("vault-keyset.json"))).contains("AesGcmKey");
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("api-secret-value");
    }

    @Test
    void associatedDataBindsTheCiphertextToItsOwner(@TempDir Path dir) throws Exception {
        Aead aead = Aeads.localKeyset(new LocalSecretsDirectory(dir));
        byte[] ciphertext = aead.encrypt(SECRET, AD);
        assertThatThrownBy(() -> aead.decrypt(ciphertext, "exchange-key|user-2|binance".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        ciphertext[ciphertext.length - 1] ^= 1;
        assertThatThrownBy(() -> aead.decrypt(ciphertext, AD)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void anotherKeysetCannotDecrypt(@TempDir Path one, @TempDir Path two) throws Exception {
        byte[] ciphertext = Aeads.localKeyset(new LocalSecretsDirectory(one)).encrypt(SECRET, AD);
        assertThatThrownBy(() -> Aeads.localKeyset(new LocalSecretsDirectory(two)).decrypt(ciphertext, AD))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
