package com.tradebot.marketdata;

import com.tradebot.storage.Attr;
import com.tradebot.storage.TableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link CandleStore} on the single table. Bars are kept in chunks of 1,440 bars of their timeframe (one UTC day of
 * 1m bars, five days of 5m bars, ...), one item each; a catalogue item per dataset carries first/last time, bar count
 * and gaps so listing datasets never reads bars.
 * <pre>
 * chunk:     PK CANDLES#bitstamp#BTC/USD#1m  SK T#0001385337600000  Type CandleChunk  data(B) barCount firstBar lastBar gapCount missingBars
 * catalogue: PK DATASETS                     SK bitstamp#BTC/USD#1m  Type Dataset      from to barCount gapCount missingBars
 * </pre>
 */
public final class CandleRepository implements CandleStore {
    static final int BARS_PER_CHUNK = 1440;
    private static final String CATALOGUE_PK = "DATASETS";

    private final DynamoDbClient dynamo;
    private final String table;

    public CandleRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Dataset write(DatasetKey key, CandleSeries bars) {
        if (bars.timeframe() != key.timeframe()) {
            throw new IllegalArgumentException("Bars are " + bars.timeframe() + ", dataset is " + key.timeframe());
        }
        long span = chunkMillis(key.timeframe());
        int i = 0;
        while (i < bars.size()) {
            long chunkStart = Math.floorDiv(bars.time()[i], span) * span;
            int end = bars.lowerBound(chunkStart + span);
            CandleSeries part = bars.range(i, end);
            CandleSeries existing = readChunk(key, chunkStart);
            putChunk(key, chunkStart, existing == null ? part : existing.merge(part));
            i = end;
        }
        return refreshCatalogue(key);
    }

    @Override
    public CandleSeries read(DatasetKey key, long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return CandleSeries.empty(key.timeframe());
        }
        long span = chunkMillis(key.timeframe());
        long firstChunk = Math.floorDiv(fromMs, span) * span;
        List<CandleSeries> parts = new ArrayList<>();
        int total = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", Attr.s(partition(key)),
                            ":from", Attr.s(sortKey(firstChunk)), ":to", Attr.s(sortKey(toMs))))
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                CandleSeries chunk = CandleChunkCodec.decode(key.timeframe(), item.get("data").b().asByteArray())
                        .between(fromMs, toMs);
                parts.add(chunk);
                total += chunk.size();
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return concat(key.timeframe(), parts, total);
    }

    @Override
    public List<Dataset> datasets() {
        List<Dataset> out = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", Attr.s(CATALOGUE_PK)))
                    .exclusiveStartKey(startKey).build());
            page.items().forEach(item -> out.add(toDataset(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return out;
    }

    @Override
    public Optional<Dataset> dataset(DatasetKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TableKeys.PK, Attr.s(CATALOGUE_PK), TableKeys.SK, Attr.s(catalogueSortKey(key))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDataset(item));
    }

    static long chunkMillis(Timeframe timeframe) {
        return timeframe.millis() * BARS_PER_CHUNK;
    }

    private CandleSeries readChunk(DatasetKey key, long chunkStart) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(TableKeys.PK, Attr.s(partition(key)), TableKeys.SK, Attr.s(sortKey(chunkStart))))).item();
        return item == null || item.isEmpty() ? null
                : CandleChunkCodec.decode(key.timeframe(), item.get("data").b().asByteArray());
    }

    private void putChunk(DatasetKey key, long chunkStart, CandleSeries bars) {
        List<Gap> gaps = GapDetector.gaps(bars);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, Attr.s(partition(key)));
        item.put(TableKeys.SK, Attr.s(sortKey(chunkStart)));
        item.put(TableKeys.TYPE, Attr.s("CandleChunk"));
        item.put("data", AttributeValue.builder().b(SdkBytes.fromByteArray(CandleChunkCodec.encode(bars))).build());
        item.put("barCount", Attr.n(bars.size()));
        item.put("firstBar", Attr.n(bars.firstTime()));
        item.put("lastBar", Attr.n(bars.lastTime()));
        item.put("gapCount", Attr.n(gaps.size()));
        item.put("missingBars", Attr.n(gaps.stream().mapToLong(Gap::missingBars).sum()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** Sums the chunk summaries (no bar data is read) and the gaps between consecutive chunks. */
    private Dataset refreshCatalogue(DatasetKey key) {
        TreeMap<Long, long[]> chunks = new TreeMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", Attr.s(partition(key))))
                    .projectionExpression("barCount, firstBar, lastBar, gapCount, missingBars")
                    
                    .exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> item : page.items()) {
                chunks.put(Attr.num(item, "firstBar", 0), new long[] {Attr.num(item, "barCount", 0),
                        Attr.num(item, "lastBar", 0), Attr.num(item, "gapCount", 0), Attr.num(item, "missingBars", 0)});
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        long bars = 0;
        long gaps = 0;
        long missing = 0;
        long previousLast = Long.MIN_VALUE;
        long step = key.timeframe().millis();
        for (Map.Entry<Long, long[]> chunk : chunks.entrySet()) {
            long[] v = chunk.getValue();
            bars += v[0];
            gaps += v[2];
            missing += v[3];
            if (previousLast != Long.MIN_VALUE && chunk.getKey() - previousLast > step) {
                gaps++;
                missing += (chunk.getKey() - previousLast) / step - 1;
            }
            previousLast = v[1];
        }
        Instant from = Instant.ofEpochMilli(chunks.firstKey());
        Instant to = Instant.ofEpochMilli(previousLast);
        Dataset dataset = new Dataset(key, from, to, bars, (int) gaps, missing);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableKeys.PK, Attr.s(CATALOGUE_PK));
        item.put(TableKeys.SK, Attr.s(catalogueSortKey(key)));
        item.put(TableKeys.TYPE, Attr.s("Dataset"));
        item.put("exchange", Attr.s(key.exchange()));
        item.put("symbol", Attr.s(key.symbol().toString()));
        item.put("timeframe", Attr.s(key.timeframe().code()));
        item.put("from", Attr.s(from.toString()));
        item.put("to", Attr.s(to.toString()));
        item.put("barCount", Attr.n(bars));
        item.put("gapCount", Attr.n(gaps));
        item.put("missingBars", Attr.n(missing));
        dynamo.putItem(r -> r.tableName(table).item(item));
        return dataset;
    }

    private static Dataset toDataset(Map<String, AttributeValue> item) {
        DatasetKey key = DatasetKey.of(Attr.str(item, "exchange"), Attr.str(item, "symbol"), Attr.str(item, "timeframe"));
        return new Dataset(key, Attr.instant(item, "from"), Attr.instant(item, "to"), Attr.num(item, "barCount", 0),
                (int) Attr.num(item, "gapCount", 0), Attr.num(item, "missingBars", 0));
    }

    private static CandleSeries concat(Timeframe timeframe, List<CandleSeries> parts, int total) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        long[] t = new long[total];
        double[][] c = new double[5][total];
        int at = 0;
        for (CandleSeries p : parts) {
            int n = p.size();
            System.arraycopy(p.time(), 0, t, at, n);
            System.arraycopy(p.open(), 0, c[0], at, n);
            System.arraycopy(p.high(), 0, c[1], at, n);
            System.arraycopy(p.low(), 0, c[2], at, n);
            System.arraycopy(p.close(), 0, c[3], at, n);
            System.arraycopy(p.volume(), 0, c[4], at, n);
            at += n;
        }
        return new CandleSeries(timeframe, t, c[0], c[1], c[2], c[3], c[4]);
    }

    private static String partition(DatasetKey key) {
        return "CANDLES#" + catalogueSortKey(key);
    }

    private static String catalogueSortKey(DatasetKey key) {
        return key.exchange() + "#" + key.symbol() + "#" + key.timeframe().code();
    }

    /** Zero-padded so string order is time order. */
    private static String sortKey(long epochMs) {
        return String.format("T#%016d", Math.max(0, epochMs));
    }
}
