package com.tradebot.local.messaging.sqs;

import com.tradebot.local.messaging.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.*;

class ElasticMqProbeTest {
    @Test
    void probe() {
        for (int i = 0; i < 2; i++) {
            try (ElasticMqServer s = ElasticMqServer.start(0); SqsClient sqs = LocalAws.sqsClient(s.endpoint())) {
                System.out.println("startup " + s.startupTime().toMillis() + " ms port " + s.port());
                String url = sqs.createQueue(b -> b.queueName("q1")).queueUrl();
                System.out.println(url);
                System.out.println(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings());
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("hi").messageAttributes(java.util.Map.of("a", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"x\"]").build())));
                var r = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All").waitTimeSeconds(1));
                System.out.println(r.messages());
                System.out.println(r.messages().get(0).attributesAsStrings());
                long t=System.nanoTime(); for (int k=0;k<100;k++) sqs.sendMessage(b -> b.queueUrl(url).messageBody("x"));
                System.out.println("100 sends ms " + (System.nanoTime()-t)/1_000_000);
            }
        }
    }
}
