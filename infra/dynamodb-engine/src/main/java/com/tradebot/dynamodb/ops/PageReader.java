package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;
import com.tradebot.dynamodb.value.AttributeValues;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * Reads one page of a Query or Scan and writes Items, Count, ScannedCount and LastEvaluatedKey.
 * A page ends after Limit items were read or once 1 MB was read (both before the filter), as in DynamoDB.
 */
final class PageReader {
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private PageReader() {
    }

    /** Entries strictly after (forward) or before (backward) the start position, clipped to [low, high]. */
    static NavigableMap<IndexKey, Slot> range(NavigableMap<IndexKey, Slot> entries,
                                                                     IndexKey low, IndexKey high, IndexKey start, boolean forward) {
        boolean lowInclusive = true;
        boolean highInclusive = true;
        if (start != null) {
            if (forward && (low == null || start.compareTo(low) >= 0)) {
                low = start;
                lowInclusive = false;
            } else if (!forward && (high == null || start.compareTo(high) <= 0)) {
                high = start;
                highInclusive = false;
            }
        }
        if (low != null && high != null && low.compareTo(high) > 0) {
            return java.util.Collections.emptyNavigableMap();
        }
        NavigableMap<IndexKey, Slot> view;
        try {
            if (low != null && high != null) {
                view = entries.subMap(low, lowInclusive, high, highInclusive);
            } else if (low != null) {
                view = entries.tailMap(low, lowInclusive);
            } else if (high != null) {
                view = entries.headMap(high, highInclusive);
            } else {
                view = entries;
            }
        } catch (IllegalArgumentException outsideTheSegment) {
            // a start key beyond a Scan segment's slice: nothing left to read there
            return java.util.Collections.emptyNavigableMap();
        }
        return forward ? view : view.descendingMap();
    }

    /**
     * @param keyMatch for begins_with: entries are skipped until the first match and reading stops at the next
     *                 non-match (matches are contiguous in key order); null when every entry in range matches
     */
    static void read(ReadTarget target, NavigableMap<IndexKey, Slot> view,
                     Predicate<Map<String, AttributeValue>> keyMatch, ConditionExpression filter, Integer limit,
                     Capacity capacity, JsonGenerator out) throws IOException {
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        boolean matching = false;
        Map<String, AttributeValue> lastRead = null;
        boolean more = false;
        if (!target.countOnly()) {
            out.writeArrayFieldStart("Items");
        }
        Iterator<Slot> it = view.values().iterator();
        while (it.hasNext()) {
            Map<String, AttributeValue> stored = it.next().item();
            if (keyMatch != null) {
                if (!keyMatch.test(stored)) {
                    if (matching) {
                        break;
                    }
                    continue;
                }
                matching = true;
            }
            if ((limit != null && scanned >= limit) || bytes >= MAX_PAGE_BYTES) {
                more = true;
                break;
            }
            Map<String, AttributeValue> visible = target.visible(stored);
            scanned++;
            bytes += AttributeValues.itemSize(visible);
            lastRead = stored;
            if (filter == null || filter.matches(visible)) {
                count++;
                if (!target.countOnly()) {
                    AttributeValueJson.writeItem(out, target.returned(visible));
                }
            }
        }
        if (!target.countOnly()) {
            out.writeEndArray();
        }
        out.writeNumberField("Count", count);
        out.writeNumberField("ScannedCount", scanned);
        // DynamoDB reports a LastEvaluatedKey whenever Limit stopped the page, even if nothing follows.
        if (lastRead != null && (more || (limit != null && scanned >= limit))) {
            out.writeFieldName("LastEvaluatedKey");
            AttributeValueJson.writeItem(out, target.lastEvaluatedKey(lastRead));
        }
        capacity.read(target.definition.name(), target.index == null ? null : target.index.name(),
                target.index != null && target.index.global(), Capacity.readUnits(bytes, target.consistent));
    }
}
