package com.tradebot.local.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** State machines with their ASL definition read from DefinitionUri (or inline), substitutions applied. */
final class StateMachineReader {
    private final CfnTemplate template;
    private final TemplateValues values;

    StateMachineReader(TemplateValues values) {
        this.template = values.template();
        this.values = values;
    }

    List<StateMachineDef> stateMachines() {
        List<StateMachineDef> machines = new ArrayList<>();
        for (CfnResource machine : template.resourcesOfType("AWS::Serverless::StateMachine",
                "AWS::StepFunctions::StateMachine")) {
            Map<String, Object> properties = machine.properties();
            String definition;
            if (properties.get("DefinitionUri") instanceof String uri) {
                Path file = template.directory().resolve(uri);
                try {
                    definition = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new TemplateException("State machine " + machine.logicalId() + ": cannot read " + file, e);
                }
            } else if (properties.get("Definition") != null) {
                definition = values.json(template.resolve(properties.get("Definition")));
            } else if (properties.get("DefinitionString") != null) {
                definition = values.text(properties.get("DefinitionString"));
            } else {
                throw new TemplateException("State machine " + machine.logicalId()
                        + " needs DefinitionUri (a local file), Definition or DefinitionString");
            }
            Map<String, Object> substitutions = CfnTemplate.map(
                    template.resolve(properties.get("DefinitionSubstitutions")));
            for (Map.Entry<String, Object> substitution : substitutions.entrySet()) {
                definition = definition.replace("${" + substitution.getKey() + "}",
                        String.valueOf(substitution.getValue()));
            }
            String arn = String.valueOf(template.resolve(Map.of("Ref", machine.logicalId())));
            machines.add(new StateMachineDef(machine.logicalId(), template.stateMachineName(machine.logicalId()), arn,
                    definition));
        }
        return machines;
    }
}
