package com.tradebot.local.stepfunctions;

/** A state machine of the template: logical id, name, ARN and its ASL definition (substitutions already applied). */
public record StateMachineSpec(String logicalId, String name, String arn, String definitionJson) {
}
