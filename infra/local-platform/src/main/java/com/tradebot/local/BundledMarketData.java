package com.tradebot.local;

import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.local.lambda.FailureReport;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real market data inside ta4j-examples, written into the main table once (kept with --data) so that a newcomer
 * can backtest at once; on AWS the same import is {@code POST /api/market-data/import}.
 *
 * <p>Reading the bundled trades and writing their candles took a fifth of the start-up, so the platform does it after
 * its ready line: the load writes through the engine in-process, and every request on the DynamoDB port (functions,
 * the AWS CLI) waits in {@link #awaitLoaded()} until it is done, so none sees the table without its data or half of it.
 */
final class BundledMarketData {
    /** Far longer than the load takes even on a loaded machine; a request is never held for ever. */
    private static final long MAX_WAIT_SECONDS = 300;

    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile long millis = -1;

    /** Nothing to load (no main table): requests never wait. */
    static BundledMarketData none() {
        BundledMarketData data = new BundledMarketData();
        data.loaded.countDown();
        return data;
    }

    static BundledMarketData pending() {
        return new BundledMarketData();
    }

    /** Loads into {@code table} of {@code engine} on this thread and releases the waiting requests, also on failure. */
    void load(DynamoDbEngine engine, String table) {
        long begin = System.nanoTime();
        try (DynamoDbClient client = DynamoDbClient.builder().httpClient(new EngineHttpClient(engine))
                .region(Region.US_EAST_1).credentialsProvider(com.tradebot.local.messaging.LocalAws.dummyCredentials())
                .endpointOverride(java.net.URI.create("http://in-process.invalid")).build()) {
            new MarketDataService(new CandleRepository(client, table)).importBundled();
            millis = (System.nanoTime() - begin) / 1_000_000;
            LogManager.getLogger(BundledMarketData.class).info(
                    "Bundled market data in {} after the ready line in {} ms (DynamoDB requests waited for it)",
                    table, millis);
        } catch (RuntimeException | Error e) {
            LogManager.getLogger(BundledMarketData.class).error("Loading the bundled market data failed: {}",
                    FailureReport.of(e));
        } finally {
            loaded.countDown();
        }
    }

    /** Holds a request until the load is done (at most a few minutes). */
    void awaitLoaded() {
        try {
            loaded.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** How long the load took, or -1 while it runs or when it failed. */
    long millis() {
        return millis;
    }
}
