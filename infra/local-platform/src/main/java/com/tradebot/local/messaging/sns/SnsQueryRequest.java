package com.tradebot.local.messaging.sns;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The form parameters of one SNS Query-protocol request and the shapes our actions read from them. */
final class SnsQueryRequest {

    private final Map<String, String> parameters;

    SnsQueryRequest(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    String action() {
        return parameters.get("Action");
    }

    String get(String name) {
        return parameters.get(name);
    }

    PublishEntry publishEntry() {
        return entry("", null);
    }

    /** PublishBatchRequestEntries.member.N.*, numbered from 1 as the SDK writes them. */
    List<PublishEntry> batchEntries() {
        List<PublishEntry> entries = new ArrayList<>();
        for (int n = 1; ; n++) {
            String prefix = "PublishBatchRequestEntries.member." + n + ".";
            if (parameters.keySet().stream().noneMatch(key -> key.startsWith(prefix))) {
                return entries;
            }
            String id = parameters.get(prefix + "Id");
            entries.add(new PublishEntry(id == null ? "" : id, parameters.get(prefix + "Message"),
                    parameters.get(prefix + "Subject"), parameters.get(prefix + "MessageStructure"),
                    parameters.get(prefix + "MessageGroupId"), parameters.get(prefix + "MessageDeduplicationId"),
                    null));
        }
    }

    /** Attributes are parsed separately so that a bad one fails only its own batch entry. */
    List<SnsMessageAttribute> attributes(int batchMember) {
        String prefix = batchMember == 0 ? "" : "PublishBatchRequestEntries.member." + batchMember + ".";
        List<SnsMessageAttribute> attributes = new ArrayList<>();
        for (int n = 1; ; n++) {
            String entry = prefix + "MessageAttributes.entry." + n + ".";
            String name = parameters.get(entry + "Name");
            if (name == null) {
                return attributes;
            }
            String binary = parameters.get(entry + "Value.BinaryValue");
            byte[] binaryValue;
            try {
                binaryValue = binary == null ? null : Base64.getDecoder().decode(binary);
            } catch (IllegalArgumentException e) {
                throw SnsException.invalidAttribute("The message attribute '" + name
                        + "' has a BinaryValue that is not valid base64.");
            }
            attributes.add(new SnsMessageAttribute(name, parameters.get(entry + "Value.DataType"),
                    parameters.get(entry + "Value.StringValue"), binaryValue));
        }
    }

    private PublishEntry entry(String prefix, String batchEntryId) {
        return new PublishEntry(batchEntryId, parameters.get(prefix + "Message"), parameters.get(prefix + "Subject"),
                parameters.get(prefix + "MessageStructure"), parameters.get(prefix + "MessageGroupId"),
                parameters.get(prefix + "MessageDeduplicationId"), attributes(0));
    }
}
