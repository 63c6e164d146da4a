package com.tradebot.vault;

import com.google.crypto.tink.Aead;
import com.tradebot.auth.AuthWiring;
import com.tradebot.crypto.Aeads;
import com.tradebot.storage.MainTable;
import java.time.Clock;

/** The exchange-key vault with its AEAD: reads {@code VAULT_KMS_KEY_ID} (or the local secrets directory). */
public final class VaultWiring {
    private VaultWiring() {
    }

    public static ExchangeKeyVault exchangeKeyVault(MainTable table, Clock clock) {
        Aead aead = Aeads.fromEnvironment();
        return new ExchangeKeyVault(new ExchangeKeyRepository(table.client(), table.name()), aead,
                AuthWiring.secondFactor(table, aead, clock), clock);
    }
}
