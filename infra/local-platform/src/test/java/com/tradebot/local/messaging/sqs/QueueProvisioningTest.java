package com.tradebot.local.messaging.sqs;

import com.tradebot.local.template.QueueDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.local.messaging.LocalAws;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.Specs;
import com.tradebot.local.messaging.TestInvoker;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

class QueueProvisioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void createsQueuesWithTheirAttributesAndRedrivePolicy() throws Exception {
        QueueDef dlq = new QueueDef("OrdersDlq", "orders-dlq", false, false, 30, 1_209_600, 0, null, 0);
        QueueDef orders = new QueueDef("Orders", "orders", false, false, 45, 3600, 2, "OrdersDlq", 3);
        QueueDef executionsDlq = new QueueDef("ExecDlq", "exec-dlq.fifo", true, false, 30, 0, 0, null, 0);
        QueueDef executions = new QueueDef("Exec", "exec.fifo", true, true, 60, 0, 0, "ExecDlq", 5);
        // The queue that redrives is listed before its DLQ: creation order must not depend on the listing.
        try (LocalMessaging messaging = LocalMessaging.start(0, 0,
                Specs.queuesOnly(orders, dlq, executions, executionsDlq), new TestInvoker());
             SqsClient sqs = LocalAws.sqsClient(messaging.sqsEndpoint())) {

            assertThat(messaging.queueUrl("Orders"))
                    .isEqualTo(messaging.sqsEndpoint() + "/" + LocalAws.ACCOUNT_ID + "/orders");
            assertThat(messaging.queueArn("Orders")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders");
            assertThat(sqs.getQueueUrl(b -> b.queueName("exec.fifo")).queueUrl())
                    .isEqualTo(messaging.queueUrl("Exec"));

            Map<String, String> orderAttributes = attributes(sqs, messaging.queueUrl("Orders"));
            // ElasticMQ accepts MessageRetentionPeriod but neither reports nor enforces it.
            assertThat(orderAttributes).containsEntry("VisibilityTimeout", "45")
                    .containsEntry("DelaySeconds", "2");
            JsonNode redrive = JSON.readTree(orderAttributes.get("RedrivePolicy"));
            assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(messaging.queueArn("OrdersDlq"));
            assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(3);

            assertThat(attributes(sqs, messaging.queueUrl("OrdersDlq"))).doesNotContainKey("RedrivePolicy");

            Map<String, String> execAttributes = attributes(sqs, messaging.queueUrl("Exec"));
            assertThat(execAttributes).containsEntry("FifoQueue", "true")
                    .containsEntry("ContentBasedDeduplication", "true")
                    .containsEntry("VisibilityTimeout", "60");
            assertThat(JSON.readTree(execAttributes.get("RedrivePolicy")).get("deadLetterTargetArn").asText())
                    .isEqualTo(messaging.queueArn("ExecDlq"));
            assertThat(attributes(sqs, messaging.queueUrl("ExecDlq"))).containsEntry("FifoQueue", "true")
                    .containsEntry("ContentBasedDeduplication", "false");
        }
    }

    @Test
    void fifoQueueRequiresAGroupIdAndDeduplicatesByContent() {
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, Specs.queuesOnly(Specs.fifoQueue("Exec", 30)),
                new TestInvoker());
             SqsClient sqs = LocalAws.sqsClient(messaging.sqsEndpoint())) {
            String url = messaging.queueUrl("Exec");
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("no group")))
                    .isInstanceOf(SqsException.class);
            String first = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g")).messageId();
            String repeat = sqs.sendMessage(b -> b.queueUrl(url).messageBody("same").messageGroupId("g")).messageId();
            assertThat(repeat).isEqualTo(first);
        }
    }

    @Test
    void rejectsInconsistentSpecsWithTheReason() {
        TestInvoker invoker = new TestInvoker();
        assertThatThrownBy(() -> LocalMessaging.start(0, 0,
                Specs.queuesOnly(Specs.standardQueue("Orders", 30, "Missing", 3)), invoker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown dead-letter queue Missing");
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, Specs.queuesOnly(
                new QueueDef("Exec", "exec", true, false, 30, 0, 0, null, 0)), invoker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".fifo");
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, Specs.queuesOnly(
                Specs.fifoQueue("Exec", 30), Specs.standardQueue("Orders", 30, "Exec", 3)), invoker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both be FIFO or both standard");
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, Specs.queuesOnly(
                new QueueDef("Slow", "slow", false, false, 50_000, 0, 0, null, 0)), invoker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VisibilityTimeout");
    }

    @Test
    void unknownLogicalIdsAreReported() {
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, Specs.queuesOnly(), new TestInvoker())) {
            assertThatThrownBy(() -> messaging.queueUrl("Nope")).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> messaging.topicArn("Nope")).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> messaging.fireSchedule("Nope")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void startsOnTheRequestedPortAndReportsItsStartupTime() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        try (LocalMessaging messaging = LocalMessaging.start(port, 0,
                Specs.queuesOnly(Specs.standardQueue("Orders", 30)), new TestInvoker())) {
            assertThat(messaging.sqsEndpoint().getPort()).isEqualTo(port);
            assertThat(messaging.queueUrl("Orders")).isEqualTo("http://127.0.0.1:" + port + "/000000000000/orders");
            System.out.println("ElasticMQ startup: " + messaging.sqsStartupTime().toMillis() + " ms");
        }
    }

    @Test
    void aTakenPortIsReportedClearly() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalMessaging.start(taken.getLocalPort(), 0, Specs.queuesOnly(),
                    new TestInvoker()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ElasticMQ could not listen on 127.0.0.1:" + taken.getLocalPort());
            assertThatThrownBy(() -> LocalMessaging.start(0, taken.getLocalPort(), Specs.queuesOnly(),
                    new TestInvoker()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SNS endpoint could not listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private static Map<String, String> attributes(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
    }
}
