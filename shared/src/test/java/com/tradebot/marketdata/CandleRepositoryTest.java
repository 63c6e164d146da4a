package com.tradebot.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.common.ApiException;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CandleRepositoryTest {
    private final String table = LocalDynamoDb.newMainTable();
    private final CandleRepository store = new CandleRepository(LocalDynamoDb.client(), table);
    private final MarketDataService service = new MarketDataService(store);

    @Test
    void bundledDataRoundTripsThroughChunksWellUnderTheItemLimit() {
        var datasets = service.importBundled();
        assertThat(datasets).hasSize(2);
        CandleSeries original = Ta4jExampleData.bitstampBtcUsd();
        Dataset btc = store.dataset(Ta4jExampleData.BITSTAMP_BTC_USD).orElseThrow();
        assertThat(btc.bars()).isEqualTo(original.size());
        assertThat(btc.from()).isEqualTo(Instant.ofEpochMilli(original.firstTime()));
        assertThat(btc.gaps()).isEqualTo(GapDetector.gaps(original).size());
        CandleSeries back = store.read(Ta4jExampleData.BITSTAMP_BTC_USD, 0, Long.MAX_VALUE);
        assertThat(back.time()).containsExactly(original.time());
        assertThat(back.close()).containsExactly(original.close());

        var items = LocalDynamoDb.client().scan(r -> r.tableName(table)).items();
        assertThat(items).filteredOn(i -> i.get("Type").s().equals("CandleChunk")).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(i -> assertThat(size(i)).isLessThan(100_000));
        // a second start does not import again
        assertThat(service.importBundled()).isEqualTo(datasets);
    }

    @Test
    void readsAWindowAndResamplesFromTheFinestDataset() {
        service.importBundled();
        long from = Instant.parse("2013-11-26T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2013-11-27T00:00:00Z").toEpochMilli();
        CandleSeries h1 = service.load(null, MarketSymbol.parse("BTCUSD"), Timeframe.H1, from, to);
        assertThat(h1.size()).isEqualTo(24);
        CandleSeries m1 = store.read(Ta4jExampleData.BITSTAMP_BTC_USD, from, from + 3_600_000);
        assertThat(h1.open()[0]).isEqualTo(m1.open()[0]);
        assertThat(h1.close()[0]).isEqualTo(m1.close()[m1.size() - 1]);
        assertThatThrownBy(() -> service.load(null, MarketSymbol.parse("BTC/USD"), Timeframe.H1, 0, 1000))
                .isInstanceOf(ApiException.class).hasMessageContaining("No bars");
        assertThatThrownBy(() -> service.load("binance", MarketSymbol.parse("DOGE/USDT"), Timeframe.H1, 0, 1000))
                .isInstanceOf(ApiException.class).hasMessageContaining("No market data");
    }

    @Test
    void writesMergeIntoExistingChunks() {
        DatasetKey key = DatasetKey.of("binance", "BTCUSDT", "1m");
        store.write(key, new CandleSeries.Builder(Timeframe.M1).add(0, 1, 2, 1, 2, 1).add(60_000, 2, 3, 2, 3, 1).build());
        Dataset after = store.write(key, new CandleSeries.Builder(Timeframe.M1).add(60_000, 5, 6, 5, 6, 1)
                .add(240_000, 6, 7, 6, 7, 1).build());
        assertThat(after.bars()).isEqualTo(3);
        assertThat(after.gaps()).isEqualTo(1);
        assertThat(after.missingBars()).isEqualTo(2);
        assertThat(store.read(key, 0, Long.MAX_VALUE).close()).containsExactly(2, 6, 7);
        assertThat(store.datasets()).extracting(d -> d.key().toString()).containsExactly("binance:BTC/USDT:1m");
    }

    private static int size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> e.getKey().length()
                + (e.getValue().b() != null ? e.getValue().b().asByteArray().length
                : e.getValue().s() != null ? e.getValue().s().length() : 21)).sum();
    }
}
