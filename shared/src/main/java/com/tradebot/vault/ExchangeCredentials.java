package com.tradebot.vault;

/** The decrypted credential, handed only to code that talks to the exchange. {@link #toString} hides the secrets. */
public record ExchangeCredentials(String exchange, String apiKey, String apiSecret, String passphrase,
                                  boolean testnet) {
    @Override
    public String toString() {
        return "ExchangeCredentials[exchange=" + exchange + ", apiKey=" + ExchangeKeyVault.mask(apiKey)
                + ", testnet=" + testnet + "]";
    }
}
