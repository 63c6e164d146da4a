package com.tradebot.local.messaging.sns;

import java.util.List;
import java.util.Map;

/** The XML bodies of the SNS Query protocol, as the SDK's unmarshallers read them. */
final class SnsXml {

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private SnsXml() {
    }

    record BatchFailure(String id, String code, String message, boolean senderFault) {
    }

    static String publish(PublishResult result, String requestId) {
        StringBuilder body = new StringBuilder();
        element(body, "MessageId", result.messageId());
        if (result.sequenceNumber() != null) {
            element(body, "SequenceNumber", result.sequenceNumber());
        }
        return response("Publish", body, requestId);
    }

    static String publishBatch(Map<String, PublishResult> successful, List<BatchFailure> failed, String requestId) {
        StringBuilder body = new StringBuilder("<Successful>");
        successful.forEach((id, result) -> {
            body.append("<member>");
            element(body, "Id", id);
            element(body, "MessageId", result.messageId());
            if (result.sequenceNumber() != null) {
                element(body, "SequenceNumber", result.sequenceNumber());
            }
            body.append("</member>");
        });
        body.append("</Successful><Failed>");
        for (BatchFailure failure : failed) {
            body.append("<member>");
            element(body, "Id", failure.id());
            element(body, "Code", failure.code());
            element(body, "Message", failure.message());
            element(body, "SenderFault", Boolean.toString(failure.senderFault()));
            body.append("</member>");
        }
        body.append("</Failed>");
        return response("PublishBatch", body, requestId);
    }

    static String listTopics(List<SnsTopic> topics, String requestId) {
        StringBuilder body = new StringBuilder("<Topics>");
        for (SnsTopic topic : topics) {
            body.append("<member>");
            element(body, "TopicArn", topic.arn());
            body.append("</member>");
        }
        body.append("</Topics>");
        return response("ListTopics", body, requestId);
    }

    static String topicAttributes(Map<String, String> attributes, String requestId) {
        StringBuilder body = new StringBuilder("<Attributes>");
        attributes.forEach((key, value) -> {
            body.append("<entry>");
            element(body, "key", key);
            element(body, "value", value);
            body.append("</entry>");
        });
        body.append("</Attributes>");
        return response("GetTopicAttributes", body, requestId);
    }

    static String error(SnsException error, String requestId) {
        StringBuilder xml = new StringBuilder("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>");
        element(xml, "Type", error.httpStatus() >= 500 ? "Receiver" : "Sender");
        element(xml, "Code", error.code());
        element(xml, "Message", error.getMessage());
        xml.append("</Error>");
        element(xml, "RequestId", requestId);
        return xml.append("</ErrorResponse>").toString();
    }

    private static String response(String action, CharSequence result, String requestId) {
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata><RequestId>" + escape(requestId)
                + "</RequestId></ResponseMetadata></" + action + "Response>";
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
    }

    /** Text content escaping; the JDK has no public one-call XML escaper and a DOM writer is heavy for this. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\r' -> escaped.append("&#13;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
