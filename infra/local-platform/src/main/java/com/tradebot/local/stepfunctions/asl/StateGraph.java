package com.tradebot.local.stepfunctions.asl;

import java.util.Map;

/** A validated set of states with its start: the machine itself, a Parallel branch or a Map's item processor. */
public record StateGraph(String startAt, Map<String, StateNode> states) {

    public StateNode state(String name) {
        return states.get(name);
    }
}
