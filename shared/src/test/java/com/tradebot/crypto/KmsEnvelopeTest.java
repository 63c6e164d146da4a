package com.tradebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * The AWS path of the vault: Tink's envelope AEAD over our SDK-v2 KMS adapter. KMS is stood in for by a recording
 * {@link KmsClient} that, like KMS, refuses to decrypt under a different encryption context.
 */
class KmsEnvelopeTest {
    private static final byte[] SECRET = "exchange-api-secret-value".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = "exchange-key|user-1|binance".getBytes(StandardCharsets.UTF_8);

    /** Remembers what it was asked to encrypt; ciphertext blobs are opaque handles. */
    static final class RecordingKms implements KmsClient {
        final List<EncryptRequest> encrypted = new ArrayList<>();
        private final Map<String, EncryptRequest> blobs = new ConcurrentHashMap<>();

        @Override
        public EncryptResponse encrypt(EncryptRequest request) {
            encrypted.add(request);
            String handle = "blob-" + blobs.size();
            blobs.put(handle, request);
            return EncryptResponse.builder().keyId(request.keyId()).ciphertextBlob(SdkBytes.fromUtf8String(handle)).build();
        }

        @Override
        public EncryptResponse encrypt(Consumer<EncryptRequest.Builder> request) {
            return encrypt(EncryptRequest.builder().applyMutation(request).build());
        }

        @Override
        public DecryptResponse decrypt(DecryptRequest request) {
            EncryptRequest original = blobs.get(request.ciphertextBlob().asUtf8String());
            if (original == null || !original.encryptionContext().equals(request.encryptionContext())
                    || !original.keyId().equals(request.keyId())) {
                throw InvalidCiphertextException.builder().message("context mismatch").build();
            }
            return DecryptResponse.builder().keyId(original.keyId()).plaintext(original.plaintext()).build();
        }

        @Override
        public DecryptResponse decrypt(Consumer<DecryptRequest.Builder> request) {
            return decrypt(DecryptRequest.builder().applyMutation(request).build());
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void secretsAreSealedUnderAFreshDataKeyThatOnlyKmsCanOpen() throws Exception {
        RecordingKms kms = new RecordingKms();
        Aead aead = Aeads.kmsEnvelope(kms, "arn:aws:kms:us-east-1:000000000000:key/vault");
        byte[] first = aead.encrypt(SECRET, AD);
        byte[] second = aead.encrypt(SECRET, AD);

        assertThat(aead.decrypt(first, AD)).isEqualTo(SECRET);
        assertThat(aead.decrypt(second, AD)).isEqualTo(SECRET);
        assertThat(kms.encrypted).hasSize(2); // one data key per record
        for (EncryptRequest request : kms.encrypted) {
            // KMS sees a data key, never the secret
            assertThat(request.plaintext().asByteArray()).isNotEqualTo(SECRET);
            assertThat(new String(request.plaintext().asByteArray(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("exchange-api-secret");
        }
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("exchange-api-secret");
    }

    @Test
    void theWrongAssociatedDataDoesNotDecrypt() throws Exception {
        Aead aead = Aeads.kmsEnvelope(new RecordingKms(), "key-1");
        byte[] sealed = aead.encrypt(SECRET, AD);
        assertThatThrownBy(() -> aead.decrypt(sealed, "exchange-key|user-2|binance".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theAdapterPassesAssociatedDataAsEncryptionContext() throws Exception {
        RecordingKms kms = new RecordingKms();
        KmsAead adapter = new KmsAead(kms, "key-1");
        byte[] wrapped = adapter.encrypt(new byte[32], AD);
        assertThat(kms.encrypted.get(0).encryptionContext()).containsKey("aad");
        assertThat(adapter.decrypt(wrapped, AD)).hasSize(32);
        assertThatThrownBy(() -> adapter.decrypt(wrapped, new byte[] {1})).isInstanceOf(GeneralSecurityException.class);
    }
}
