package com.tradebot.crypto;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A Tink {@link Aead} backed by an AWS KMS key through SDK v2. Tink's own {@code tink-awskms} would pull in the whole
 * AWS SDK v1, so this small adapter exists instead. The associated data travels as KMS encryption context, which
 * KMS binds to the ciphertext exactly as AEAD associated data.
 */
public final class KmsAead implements Aead {
    private static final String CONTEXT_KEY = "aad";

    private final KmsClient kms;
    private final String keyId;

    public KmsAead(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context(associatedData))).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("KMS encrypt failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(context(associatedData))).plaintext().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("KMS decrypt failed", e);
        }
    }

    private static Map<String, String> context(byte[] associatedData) {
        return associatedData == null || associatedData.length == 0
                ? Map.of()
                : Map.of(CONTEXT_KEY, Base64.getEncoder().encodeToString(associatedData));
    }
}
