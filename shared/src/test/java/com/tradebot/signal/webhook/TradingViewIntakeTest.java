package com.tradebot.signal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.SignalEventMessage;
import com.tradebot.strategy.Strategy;
import com.tradebot.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;

class TradingViewIntakeTest {
    private final MarketplaceFixture f = new MarketplaceFixture();
    private final TradingViewIntake intake = new TradingViewIntake(f.strategyRepository, f.signals,
            new WebhookDeliveryRepository(LocalDynamoDb.client(), f.table), f.clock);

    @Test
    void aRepeatedAlertAnswersWithTheFirstSignalAndPublishesNothingAgain() {
        Strategy strategy = f.freeStrategy("provider-1");
        String passphrase = f.strategies.webhook("provider-1", strategy.id()).passphrase();
        String alert = "passphrase=" + passphrase + "\naction=buy\nticker=BTCUSDT\nprice=64250.5\nstopLoss=63000\n"
                + "takeProfit=66000\n";

        TradingViewIntake.Outcome first = intake.receive(strategy.id(), alert, "corr-1");
        TradingViewIntake.Outcome repeat = intake.receive(strategy.id(), alert, "corr-2");

        assertThat(first.outcome()).isEqualTo(WebhookDelivery.ACCEPTED);
        assertThat(repeat.outcome()).isEqualTo(WebhookDelivery.DUPLICATE);
        assertThat(repeat.signalId()).isEqualTo(first.signalId());
        assertThat(f.published).extracting(SignalEventMessage::eventId).containsExactly(strategy.id() + ":1");
    }
}
