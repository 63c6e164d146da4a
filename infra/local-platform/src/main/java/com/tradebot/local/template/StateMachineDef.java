package com.tradebot.local.template;

/** A state machine with its ASL definition, DefinitionSubstitutions already applied. */
public record StateMachineDef(String logicalId, String name, String arn, String definitionJson) {
}
