package com.tradebot.marketdata.importer;

import com.tradebot.common.AwsClients;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.Dataset;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.MarketDataService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The command-line importer (issue 16): brings candle files into the store of a running platform (its DynamoDB port)
 * or of a deployed table, the same way {@code POST /api/market-data/import} does. Run by {@code scripts/import-candles}.
 * <pre>
 * import-candles [--endpoint http://localhost:8000] [--table tradebot-local-main] [--format BINANCE_CSV|BINANCE_ZIP|SEED_JSON]
 *                [--exchange binance] [--symbol BTCUSDT] [--timeframe 1h] FILE...
 * import-candles [--endpoint ...] [--table ...] --bundled
 * </pre>
 * The format follows the file name (.csv, .zip, .json) unless given; for the seed's layout
 * {@code historical_data/<exchange>/<SYMBOL>_<tf>.json} exchange, symbol and timeframe come from the path, and for
 * Binance's {@code <SYMBOL>-<tf>-<date>.csv|zip} the symbol and timeframe do. Options are parsed by hand: a handful of
 * flags did not justify a new dependency.
 */
public final class ImportCommand {
    static final String USAGE = "usage: import-candles [--endpoint URL] [--table NAME] [--format BINANCE_CSV|BINANCE_ZIP|SEED_JSON]"
            + " [--exchange NAME] [--symbol SYMBOL] [--timeframe TF] FILE... | --bundled";
    private static final Pattern SEED = Pattern.compile("(?:.*[/\\\\])?([^/\\\\]+)[/\\\\]([A-Za-z0-9_]+?)_([0-9]+[mhdwM])\\.json$");
    private static final Pattern BINANCE = Pattern.compile("(?:.*[/\\\\])?([A-Z0-9]+)-([0-9]+[mhdwM])-[0-9-]+\\.(csv|zip)$");

    private ImportCommand() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        int status = parse(args, options, files, System.err);
        if (status != 0) {
            System.exit(status);
        }
        DynamoDbClient client = client(options.get("endpoint"));
        MarketDataService service = new MarketDataService(new CandleRepository(client,
                options.getOrDefault("table", System.getenv().getOrDefault("TABLE_NAME", "tradebot-local-main"))));
        System.exit(run(service, options, files, System.out, System.err));
    }

    public static DynamoDbClient client(String endpoint) {
        var builder = DynamoDbClient.builder().httpClient(AwsClients.httpClient());
        if (endpoint != null) {
            // a local engine takes any credentials; a real endpoint uses the default chain
            boolean hasKeys = System.getenv("AWS_ACCESS_KEY_ID") != null;
            builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(hasKeys ? DefaultCredentialsProvider.create()
                            : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    /** Reads the arguments; 0 when they make sense, 2 (and the usage on {@code err}) when not. */
    static int parse(String[] args, Map<String, String> options, List<String> files, PrintStream err) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--bundled")) {
                options.put("bundled", "true");
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                if (!List.of("endpoint", "table", "format", "exchange", "symbol", "timeframe").contains(name)
                        || i + 1 >= args.length) {
                    err.println("unknown option or missing value: " + a);
                    err.println(USAGE);
                    return 2;
                }
                options.put(name, args[++i]);
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty() && !options.containsKey("bundled")) {
            err.println(USAGE);
            return 2;
        }
        return 0;
    }

    /** Imports every file; prints one line per data set; 0 when all went in, 1 when any failed. */
    static int run(MarketDataService service, Map<String, String> options, List<String> files, PrintStream out,
                   PrintStream err) {
        int failures = 0;
        if (options.containsKey("bundled")) {
            service.importBundled().forEach(d -> out.println(describe(d)));
        }
        for (String file : files) {
            try {
                Path path = Path.of(file);
                MarketDataService.Format format = format(options.get("format"), file);
                DatasetKey key = key(options, file, format);
                out.println(describe(service.importFile(key, format, Files.readAllBytes(path))));
            } catch (IOException | RuntimeException e) {
                err.println(file + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static MarketDataService.Format format(String given, String file) {
        if (given != null) {
            return MarketDataService.Format.valueOf(given.toUpperCase(Locale.ROOT));
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return MarketDataService.Format.BINANCE_ZIP;
        }
        if (lower.endsWith(".csv")) {
            return MarketDataService.Format.BINANCE_CSV;
        }
        if (lower.endsWith(".json")) {
            return MarketDataService.Format.SEED_JSON;
        }
        throw new IllegalArgumentException("cannot tell the format from the name; give --format");
    }

    /** Options win; otherwise the seed's or Binance's file naming; Binance files default to exchange binance. */
    static DatasetKey key(Map<String, String> options, String file, MarketDataService.Format format) {
        String exchange = options.get("exchange");
        String symbol = options.get("symbol");
        String timeframe = options.get("timeframe");
        Matcher seed = SEED.matcher(file);
        Matcher binance = BINANCE.matcher(file);
        if (format == MarketDataService.Format.SEED_JSON && seed.matches()) {
            exchange = exchange == null ? seed.group(1) : exchange;
            symbol = symbol == null ? seed.group(2).replace('_', '/') : symbol;
            timeframe = timeframe == null ? seed.group(3) : timeframe;
        } else if (format != MarketDataService.Format.SEED_JSON && binance.matches()) {
            exchange = exchange == null ? "binance" : exchange;
            symbol = symbol == null ? binance.group(1) : symbol;
            timeframe = timeframe == null ? binance.group(2) : timeframe;
        }
        if (exchange == null || symbol == null || timeframe == null) {
            throw new IllegalArgumentException("give --exchange, --symbol and --timeframe (not in the file name)");
        }
        return DatasetKey.of(exchange, symbol, timeframe);
    }

    static String describe(Dataset d) {
        return d.key() + " " + d.from() + " .. " + d.to() + " " + d.bars() + " bars, " + d.gaps() + " gaps";
    }
}
