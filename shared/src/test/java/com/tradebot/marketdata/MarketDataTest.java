package com.tradebot.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.marketdata.importer.BinanceKlineCsv;
import com.tradebot.marketdata.importer.SeedHistoricalJson;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketDataTest {
    // two lines of BTCUSDT-1m-2024-01-01.csv as published on data.binance.vision (ms times, no header)
    static final String BINANCE_CSV = """
            1704067200000,42283.58000000,42298.62000000,42261.02000000,42298.61000000,35.92724000,1704067259999,1519032.81,1327,19.58,827883.98,0
            1704067260000,42298.62000000,42320.00000000,42298.61000000,42320.00000000,21.07919000,1704067319999,891870.48,1110,13.26,561228.84,0
            1704067380000,42320.00000000,42337.99000000,42315.11000000,42331.39000000,13.61360000,1704067439999,576241.43,829,4.97,210530.12,0
            """;

    @Test
    void symbolsAcceptSlashAndCompactForms() {
        assertThat(MarketSymbol.parse("BTC/USDT")).isEqualTo(MarketSymbol.parse("BTCUSDT"));
        assertThat(MarketSymbol.parse("btc-usdt").toString()).isEqualTo("BTC/USDT");
        assertThat(MarketSymbol.parse("ETHBTC")).isEqualTo(new MarketSymbol("ETH", "BTC"));
        assertThat(MarketSymbol.parse("BTCUSD").quote()).isEqualTo("USD");
        assertThatThrownBy(() -> MarketSymbol.parse("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binanceCsvPlainAndZippedWithGapsReported() throws Exception {
        CandleSeries plain = BinanceKlineCsv.read(new ByteArrayInputStream(BINANCE_CSV.getBytes()), false, Timeframe.M1);
        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            zip.putNextEntry(new ZipEntry("BTCUSDT-1m-2024-01-01.csv"));
            zip.write(("open_time,open,high,low,close,volume\n" + BINANCE_CSV).getBytes(StandardCharsets.US_ASCII));
        }
        CandleSeries zipped = BinanceKlineCsv.read(new ByteArrayInputStream(zipBytes.toByteArray()), true, Timeframe.M1);
        assertThat(plain.size()).isEqualTo(3);
        assertThat(zipped.close()).containsExactly(plain.close());
        assertThat(GapDetector.gaps(plain)).singleElement().satisfies(g -> {
            assertThat(g.from()).isEqualTo(Instant.parse("2024-01-01T00:02:00Z"));
            assertThat(g.missingBars()).isEqualTo(1);
        });
    }

    @Test
    void microsecondTimesAndBadRowsAreHandled() throws Exception {
        String micros = "1735689600000000,1,2,0.5,1.5,10,1735689659999999,0,0,0,0,0\n";
        assertThat(BinanceKlineCsv.read(new ByteArrayInputStream(micros.getBytes()), false, Timeframe.M1).time())
                .containsExactly(1735689600000L);
        assertThatThrownBy(() -> BinanceKlineCsv.read(new ByteArrayInputStream("1704067200000,1,0.5,2,1,1\n".getBytes()),
                false, Timeframe.M1)).hasMessageContaining("Line 1");
    }

    @Test
    void resamplesToLargerTimeframes() {
        CandleSeries.Builder b = new CandleSeries.Builder(Timeframe.M1);
        for (int i = 0; i < 10; i++) {
            b.add(i * 60_000L, 10 + i, 12 + i, 9 + i, 11 + i, 1);
        }
        CandleSeries m5 = Resampler.resample(b.build(), Timeframe.M5);
        assertThat(m5.time()).containsExactly(0L, 300_000L);
        assertThat(m5.open()).containsExactly(10, 15);
        assertThat(m5.high()).containsExactly(16, 21);
        assertThat(m5.low()).containsExactly(9, 14);
        assertThat(m5.close()).containsExactly(15, 20);
        assertThat(m5.volume()).containsExactly(5, 5);
        assertThatThrownBy(() -> Resampler.resample(m5, Timeframe.M1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedLayoutInBothShapes(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("binance"));
        Files.writeString(root.resolve("binance/BTCUSDT_1h.json"),
                "[[1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68],[1704070800000,42475.23,42775,42431.65,42613.56,1196.37]]");
        Files.writeString(root.resolve("binance/ETH_USDT_5m.json"),
                "[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"open\":2281.87,\"high\":2283.5,\"low\":2280.1,\"close\":2282.0,\"volume\":10}]");
        Files.writeString(root.resolve("binance/notes.txt"), "ignored");
        var files = SeedHistoricalJson.find(root);
        assertThat(files).extracting(f -> f.key().toString())
                .containsExactly("binance:BTC/USDT:1h", "binance:ETH/USDT:5m");
        CandleSeries btc = SeedHistoricalJson.read(Files.newInputStream(files.get(0).path()), Timeframe.H1);
        assertThat(btc.close()).containsExactly(42475.23, 42613.56);
        CandleSeries eth = SeedHistoricalJson.read(Files.newInputStream(files.get(1).path()), Timeframe.M5);
        assertThat(eth.time()).containsExactly(1704067200000L);
    }

    @Test
    void ta4jExampleDataIsRealAndComplete() {
        CandleSeries eth = Ta4jExampleData.binanceUsEthUsd();
        assertThat(Instant.ofEpochMilli(eth.firstTime())).isEqualTo(Instant.parse("2023-03-13T18:00:00Z"));
        assertThat(eth.size()).isGreaterThan(500);
        assertThat(eth.open()[0]).isEqualTo(1673.58);
        CandleSeries btc = Ta4jExampleData.bitstampBtcUsd();
        assertThat(Instant.ofEpochMilli(btc.firstTime())).isEqualTo(Instant.parse("2013-11-25T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(btc.lastTime())).isBefore(Instant.parse("2013-12-03T00:00:00Z"));
        assertThat(btc.open()[0]).isEqualTo(800.01);
        assertThat(btc.size()).isGreaterThan(5_000);
    }
}
