package com.tradebot.dynamodb;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A cancelled transaction with one reason per action, in request order ("None" for actions that did not fail). */
public final class TransactionCanceledException extends DynamoDbException {

    public record Reason(String code, String message, Map<String, AttributeValue> item) {
        public static final Reason NONE = new Reason("None", null, null);
    }

    private final List<Reason> reasons;

    public TransactionCanceledException(List<Reason> reasons) {
        super("TransactionCanceledException", 400, "Transaction cancelled, please refer cancellation reasons for specific reasons "
                + reasons.stream().map(Reason::code).collect(Collectors.joining(", ", "[", "]")));
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
