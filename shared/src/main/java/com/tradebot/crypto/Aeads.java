package com.tradebot.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;

/** The AES-256-GCM AEAD that protects stored secrets: KMS envelope encryption on AWS, a local keyset file otherwise. */
public final class Aeads {
    /** KMS key (id or ARN) that wraps the per-message data keys on AWS. */
    public static final String KMS_KEY_VARIABLE = "VAULT_KMS_KEY_ID";
    private static final String LOCAL_KEYSET_FILE = "vault-keyset.json";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Aeads() {
    }

    /** Local platform when {@code TRADEBOT_LOCAL_SECRETS_DIR} is set; KMS ({@code VAULT_KMS_KEY_ID}) otherwise. */
    public static Aead fromEnvironment() {
        // both variables are read up front, so the template check sees what this function needs on AWS too
        Optional<String> kmsKeyId = Env.find(KMS_KEY_VARIABLE);
        return Env.find(LocalSecretsDirectory.VARIABLE)
                .map(dir -> localKeyset(new LocalSecretsDirectory(Path.of(dir))))
                .orElseGet(() -> kmsEnvelope(AwsClients.kms(), kmsKeyId.orElseThrow(
                        () -> new IllegalStateException("Missing configuration: " + KMS_KEY_VARIABLE))));
    }

    /**
     * Each encryption draws a fresh AES-256-GCM data key, encrypts it under the KMS key and stores it beside the
     * ciphertext; KMS never sees the secret itself.
     */
    public static Aead kmsEnvelope(KmsClient kms, String keyId) {
        try {
            return KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, new KmsAead(kms, keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the KMS envelope AEAD", e);
        }
    }

    /** An AES-256-GCM keyset kept in clear under the local secrets directory (local development only). */
    public static Aead localKeyset(LocalSecretsDirectory secrets) {
        try {
            byte[] json = secrets.readOrCreate(LOCAL_KEYSET_FILE, Aeads::newKeysetJson);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(new String(json, StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get());
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the local vault keyset", e);
        }
    }

    private static byte[] newKeysetJson() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a vault keyset", e);
        }
    }
}
