package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TradingView webhook over real HTTP: authentication, replay protection, idempotency, text bodies, intake log. */
class TradingViewWebhookE2ETest {
    private static LocalPlatform platform;
    private static Http http;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withParameters(Map.of(
                "ApiRateLimitPerMinute", "100000", "RegisterRateLimitPerMinute", "100000")));
        http = new Http(platform.restEndpoint());
        accounts = new Accounts(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void alertsBecomeSignalsOnceAndEveryDeliveryIsLogged() {
        Accounts.User provider = accounts.register("tv-provider", "PROVIDER");
        String strategyId = http.post("/api/strategies", Marketplace.strategyBody("TV", "0"), "Authorization",
                provider.bearer()).json().get("id").asText();
        JsonNode webhook = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization", provider.bearer()).json();
        String passphrase = webhook.get("passphrase").asText();
        String path = "/webhooks/tradingview/" + strategyId;
        assertThat(webhook.get("url").asText()).isEqualTo(platform.restEndpoint().resolve(path).toString());

        String alert = Http.json(Map.of("passphrase", passphrase, "action", "buy", "ticker", "BINANCE:BTCUSDT",
                "price", 64250.5, "stopLoss", 63000, "takeProfit", 66000, "time", Instant.now().toString(),
                "rsi", 31));
        Http.Response first = http.post(path, alert);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("outcome").asText()).isEqualTo("ACCEPTED");
        String signalId = first.json().get("signalId").asText();
        Http.Response repeat = http.post(path, alert);
        assertThat(repeat.json().get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(repeat.json().get("signalId").asText()).isEqualTo(signalId);

        JsonNode signal = http.get("/api/signals/" + signalId, "Authorization", provider.bearer()).json();
        assertThat(signal.get("pair").asText()).isEqualTo("BTC/USDT");
        assertThat(signal.get("source").asText()).isEqualTo("TRADINGVIEW");
        assertThat(signal.at("/indicators/rsi").asText()).isEqualTo("31");
        assertThat(http.get("/api/signals?strategyId=" + strategyId, "Authorization", provider.bearer()).json()
                .get("items")).hasSize(1);

        // plain-text body of key=value lines (what TradingView sends when the message is not JSON)
        Http.Response text = http.send("POST", path, "passphrase=" + passphrase + "\naction=sell\nticker=ETHUSDT\n"
                + "price=3000\nstopLoss=3100\ntakeProfit=2800\n", "Content-Type", "text/plain");
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        Http.Response close = http.send("POST", path, "passphrase=" + passphrase + "\naction=close\nticker=ETHUSDT\n"
                + "price=2900", "Content-Type", "text/plain");
        assertThat(close.status()).as(close.body()).isEqualTo(200);
        assertThat(http.get("/api/signals/" + close.json().get("signalId").asText(), "Authorization", provider.bearer())
                .json().get("status").asText()).isEqualTo("CLOSED");

        List<Integer> refused = new ArrayList<>();
        refused.add(http.post(path, alert.replace(passphrase, passphrase + "x")).status());
        refused.add(http.post("/webhooks/tradingview/no-such-strategy", alert).status());
        refused.add(http.send("POST", path, "this is not an alert", "Content-Type", "text/plain").status());
        Http.Response stale = http.post(path, Http.json(Map.of("passphrase", passphrase, "action", "buy",
                "ticker", "BTCUSDT", "price", 100, "stopLoss", 90, "takeProfit", 120,
                "time", Instant.now().minusSeconds(120).toString())));
        refused.add(stale.status());
        assertThat(refused).containsExactly(401, 404, 400, 400);
        assertThat(stale.errorCode()).isEqualTo("STALE_ALERT");

        Http.Response log = http.get("/api/strategies/" + strategyId + "/webhook/deliveries", "Authorization",
                provider.bearer());
        assertThat(log.json().get("items").findValuesAsText("outcome"))
                .containsExactly("REJECTED", "REJECTED", "REJECTED", "ACCEPTED", "ACCEPTED", "DUPLICATE", "ACCEPTED");
        assertThat(log.json().get("items").get(0).get("reason").asText()).contains("accepts at most 60 s");
        assertThat(log.json().get("items").get(2).get("reason").asText()).contains("Wrong passphrase");
        assertThat(log.body()).doesNotContain(passphrase);

        // rotating the passphrase locks the old one out at once
        http.post("/api/strategies/" + strategyId + "/webhook", null, "Authorization", provider.bearer());
        assertThat(http.post(path, alert.replace("64250.5", "64251")).status()).isEqualTo(401);
    }
}
