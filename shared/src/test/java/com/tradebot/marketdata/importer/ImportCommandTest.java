package com.tradebot.marketdata.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.testing.LocalDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line importer against the DynamoDB engine, with files named as Binance and the seed name them. */
class ImportCommandTest {
    // three lines of BTCUSDT-1m-2024-01-01.csv as published on data.binance.vision (ms times, no header)
    static final String BINANCE_CSV = """
            1704067200000,42283.58000000,42298.62000000,42261.02000000,42298.61000000,35.92724000,1704067259999,1519032.81,1327,19.58,827883.98,0
            1704067260000,42298.62000000,42320.00000000,42298.61000000,42320.00000000,21.07919000,1704067319999,891870.48,1110,13.26,561228.84,0
            1704067380000,42320.00000000,42337.99000000,42315.11000000,42331.39000000,13.61360000,1704067439999,576241.43,829,4.97,210530.12,0
            """;

    final MarketDataService service = new MarketDataService(new CandleRepository(LocalDynamoDb.client(),
            LocalDynamoDb.newMainTable()));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = ImportCommand.parse(args, options, files, errors);
        return status != 0 ? status : ImportCommand.run(service, options, files,
                new PrintStream(out, true, StandardCharsets.UTF_8), errors);
    }

    @Test
    void importsBinanceAndSeedFilesNamingTheDatasetFromThePath(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("BTCUSDT-1m-2024-01-01.csv");
        Files.writeString(csv, BINANCE_CSV);
        Path seed = Files.createDirectories(dir.resolve("historical_data/bybit")).resolve("ETH_USDT_1h.json");
        Files.writeString(seed, "[[1704067200000,2281.87,2290,2280.1,2288,10],[1704070800000,2288,2295,2285,2291,12]]");

        assertThat(run(csv.toString(), seed.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("binance:BTC/USDT:1m", "3 bars", "bybit:ETH/USDT:1h", "2 bars");
        assertThat(service.datasets()).extracting(d -> d.key().toString() + " " + d.bars())
                .contains("binance:BTC/USDT:1m 3", "bybit:ETH/USDT:1h 2");
    }

    @Test
    void optionsOverrideTheNameAndMistakesAreReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("klines.txt");
        Files.writeString(file, BINANCE_CSV);
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("give --format");

        assertThat(run("--format", "binance_csv", "--exchange", "kraken", "--symbol", "BTC/EUR", "--timeframe", "1m",
                file.toString())).as(err.toString()).isZero();
        assertThat(service.datasets()).extracting(d -> d.key().toString()).contains("kraken:BTC/EUR:1m");

        assertThat(run("--nope", "x")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("usage: import-candles");
        assertThat(run("--exchange", "x", "--symbol", "BTCUSDT", "--timeframe", "1m",
                dir.resolve("missing.csv").toString())).isEqualTo(1);
    }
}
