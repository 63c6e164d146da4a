package com.tradebot.local;

import com.tradebot.local.template.CfnTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables every function gets locally besides its own from the template: the region, where the local
 * stand-ins for AWS services listen, and the platform's own REST address (for the local payments pages) (the functions' SDK clients take these as endpoint overrides; on AWS they are
 * absent and the clients use the real services).
 */
record FunctionEnvironment(URI dynamoDb, URI sqs, URI sns, URI stepFunctions, Path secretsDirectory, URI restApi) {

    Map<String, String> variables() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", CfnTemplate.REGION);
        environment.put("AWS_DEFAULT_REGION", CfnTemplate.REGION);
        environment.put("TRADEBOT_DYNAMODB_ENDPOINT", dynamoDb.toString());
        environment.put("TRADEBOT_SQS_ENDPOINT", sqs.toString());
        environment.put("TRADEBOT_SNS_ENDPOINT", sns.toString());
        environment.put("TRADEBOT_SFN_ENDPOINT", stepFunctions.toString());
        environment.put("TRADEBOT_LOCAL_SECRETS_DIR", secretsDirectory.toString());
        // the local payments mode points checkout pages and its webhook deliveries at this platform
        environment.put("TRADEBOT_LOCAL_PLATFORM_URL", restApi.toString());
        return environment;
    }
}
