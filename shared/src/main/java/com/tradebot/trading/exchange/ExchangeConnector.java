package com.tradebot.trading.exchange;

import com.tradebot.vault.ExchangeCredentials;
import java.util.Set;

/** One exchange: its public market data and, given a credential, a user's account. */
public interface ExchangeConnector {
    /** Lower-case name as keys store it: {@code binance}, {@code bybit}, {@code bitget}, {@code mexc}. */
    String name();

    /** The markets this adapter trades. */
    Set<Market> markets();

    MarketDataClient marketData();

    /** A client that signs with {@code credentials} (live or testnet as the credential says). Cheap: build per call. */
    TradingClient trading(ExchangeCredentials credentials);
}
