package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.Dataset;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The platform loads the bundled market data after its ready line; a request on the DynamoDB port made the moment
 * start returns must wait for it and see it whole, never an empty or half-written catalogue.
 */
class StartupGateE2ETest {

    @Test
    void aDynamoDbRequestRightAfterStartSeesTheBundledMarketDataWhole() {
        // SDK classes loaded before the start, so that the first request leaves as soon as start returns
        client(URI.create("http://127.0.0.1:9")).close();
        int expectedBitstampBars = Ta4jExampleData.bitstampBtcUsd().size();
        int expectedBinanceBars = Ta4jExampleData.binanceUsEthUsd().size();

        try (LocalPlatform platform = LocalPlatform.start(Options.freePorts(LocalPlatformE2ETest.projectTemplate()));
             DynamoDbClient dynamoDb = client(platform.dynamoDbEndpoint())) {
            MarketDataService marketData = new MarketDataService(new CandleRepository(dynamoDb,
                    platform.model().template().tableName("MainTable")));

            List<Dataset> datasets = marketData.datasets();

            assertThat(datasets).extracting(Dataset::key)
                    .containsExactlyInAnyOrder(Ta4jExampleData.BINANCEUS_ETH_USD, Ta4jExampleData.BITSTAMP_BTC_USD);
            assertThat(datasets).filteredOn(d -> d.key().equals(Ta4jExampleData.BITSTAMP_BTC_USD))
                    .singleElement().extracting(Dataset::bars).isEqualTo((long) expectedBitstampBars);
            assertThat(datasets).filteredOn(d -> d.key().equals(Ta4jExampleData.BINANCEUS_ETH_USD))
                    .singleElement().extracting(Dataset::bars).isEqualTo((long) expectedBinanceBars);
            Dataset bitstamp = marketData.source(null, Ta4jExampleData.BITSTAMP_BTC_USD.symbol(),
                    Ta4jExampleData.BITSTAMP_BTC_USD.timeframe()).orElseThrow();
            assertThat(marketData.load(null, bitstamp.key().symbol(), bitstamp.key().timeframe(),
                    bitstamp.from().toEpochMilli(), bitstamp.to().toEpochMilli() + 1).size())
                    .isEqualTo(expectedBitstampBars);
            assertThat(platform.marketDataMillis()).isNotNegative();
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
