package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.common.Env;
import com.tradebot.local.template.CfnResource;
import com.tradebot.local.template.FunctionDef;
import com.tradebot.local.template.TemplateModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Least privilege in template.yaml, checked against the code: each function is given exactly the environment
 * variables its handler reads when it is built (handlers read configuration at construction, never per request),
 * and each IAM policy only when the function reads the variable that names the resource the policy is for.
 */
class FunctionEnvironmentTest {
    /** Set by the runtime or the local platform, not by the template; not counted as reads. */
    private static final Predicate<String> PLATFORM_PROVIDED = name -> name.startsWith("AWS_")
            || name.startsWith("TRADEBOT_") || name.startsWith("_") || name.equals("JAVA_TOOL_OPTIONS");

    /** Which variable a kind of policy is for. A new kind of policy needs a line here (review it). */
    private static final Map<String, Predicate<String>> POLICY_NEEDS = Map.ofEntries(
            Map.entry("DynamoDBReadPolicy", "TABLE_NAME"::equals),
            Map.entry("DynamoDBCrudPolicy", "TABLE_NAME"::equals),
            Map.entry("DynamoDBWritePolicy", "TABLE_NAME"::equals),
            Map.entry("KMSEncryptPolicy", "VAULT_KMS_KEY_ID"::equals),
            Map.entry("KMSDecryptPolicy", "VAULT_KMS_KEY_ID"::equals),
            // JWT signing seed, the Telegram bot token, the consultant's LLM key
            Map.entry("AWSSecretsManagerGetSecretValuePolicy", name -> name.endsWith("_SECRET_ID")),
            Map.entry("SQSPollerPolicy", name -> name.endsWith("_QUEUE_URL") || name.endsWith("_QUEUE_URLS")),
            Map.entry("SQSSendMessagePolicy", name -> name.endsWith("_QUEUE_URL") || name.endsWith("_QUEUE_URLS")),
            Map.entry("SNSPublishMessagePolicy", name -> name.endsWith("_TOPIC_ARN")),
            Map.entry("StepFunctionsExecutionPolicy", name -> name.endsWith("_STATE_MACHINE_ARN")),
            Map.entry("sqs:", name -> name.endsWith("_QUEUE_URL") || name.endsWith("_QUEUE_URLS")),
            Map.entry("execute-api:", "WEBSOCKET_CALLBACK_URL"::equals));

    private final TemplateModel model = ProjectTemplate.model();

    /** Records every variable name a handler asks {@link Env} for. */
    private static final class RecordingEnvironment extends HashMap<String, String> {
        final Set<String> read = new TreeSet<>();

        RecordingEnvironment(Map<String, String> values) {
            super(values);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return super.containsKey(key);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }
    }

    private Set<String> readWhenBuilt(FunctionDef function) throws Exception {
        Path secrets = Files.createTempDirectory("tradebot-env-check");
        Map<String, String> values = new HashMap<>(function.environment());
        values.put("TRADEBOT_LOCAL_SECRETS_DIR", secrets.toString());
        values.put("TRADEBOT_DYNAMODB_ENDPOINT", "http://127.0.0.1:1");
        values.put("AWS_REGION", "us-east-1");
        RecordingEnvironment environment = new RecordingEnvironment(values);
        Env.withOverrides(environment, () -> Class.forName(function.handlerClassName()).getDeclaredConstructor()
                .newInstance());
        Set<String> read = new TreeSet<>(environment.read);
        read.removeIf(PLATFORM_PROVIDED);
        return read;
    }

    private static Set<String> declared(FunctionDef function) {
        Set<String> names = new TreeSet<>(function.environment().keySet());
        names.removeIf(PLATFORM_PROVIDED);
        return names;
    }

    @Test
    void everyFunctionGetsExactlyTheVariablesItsHandlerReads() throws Exception {
        Map<String, Set<String>> declared = new TreeMap<>();
        Map<String, Set<String>> read = new TreeMap<>();
        for (FunctionDef function : model.functions()) {
            declared.put(function.logicalId(), declared(function));
            read.put(function.logicalId(), readWhenBuilt(function));
        }
        assertThat(declared).as("variables in template.yaml (actual) vs read by each handler (expected)").isEqualTo(read);
        assertThat(declared.get("AdminUsersFunction")).containsExactly("TABLE_NAME", "WEBSOCKET_CALLBACK_URL");
        assertThat(declared.get("AuthorizerFunction")).containsExactly("JWT_SIGNING_SECRET_ID");
    }

    @Test
    void everyPolicyIsForAResourceTheFunctionReadsTheNameOf() {
        List<String> unjustified = new java.util.ArrayList<>();
        for (FunctionDef function : model.functions()) {
            Set<String> variables = declared(function);
            CfnResource resource = model.template().require(function.logicalId());
            // conditions resolved (a policy under !If is checked as this template's parameters leave it)
            Object policies = ((Map<?, ?>) model.template().resolve(resource.properties())).get("Policies");
            for (String kind : policyKinds(policies)) {
                Predicate<String> needs = POLICY_NEEDS.get(kind);
                if (needs == null) {
                    unjustified.add(function.logicalId() + ": unknown policy kind " + kind
                            + " (add what variable it is for to POLICY_NEEDS)");
                } else if (variables.stream().noneMatch(needs)) {
                    unjustified.add(function.logicalId() + ": " + kind + " without a variable that names its resource");
                }
            }
        }
        assertThat(unjustified).isEmpty();
    }

    /** SAM policy template names, and for inline statements the service prefix of each action. */
    private static Set<String> policyKinds(Object policies) {
        Set<String> kinds = new TreeSet<>();
        if (!(policies instanceof List<?> list)) {
            return kinds;
        }
        for (Object policy : list) {
            if (policy instanceof Map<?, ?> conditional && conditional.containsKey("Fn::If")) {
                // !If [Condition, policy, AWS::NoValue]: each branch is judged like a policy of its own
                List<?> branches = (List<?>) conditional.get("Fn::If");
                List<Object> policiesOfBranches = new java.util.ArrayList<>(branches.subList(1, branches.size()));
                policiesOfBranches.removeIf(b -> b instanceof Map<?, ?> m && "AWS::NoValue".equals(m.get("Ref")));
                kinds.addAll(policyKinds(policiesOfBranches));
            } else if (policy instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if ("Statement".equals(entry.getKey())) {
                        for (Object statement : (List<?>) entry.getValue()) {
                            Object actions = ((Map<?, ?>) statement).get("Action");
                            for (Object action : actions instanceof List<?> l ? l : List.of(actions)) {
                                String text = String.valueOf(action);
                                kinds.add(text.substring(0, text.indexOf(':') + 1));
                            }
                        }
                    } else {
                        kinds.add(String.valueOf(entry.getKey()));
                    }
                }
            } else {
                kinds.add(String.valueOf(policy));
            }
        }
        return kinds;
    }
}
