package com.tradebot.local.stepfunctions;

import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() {
        long t0 = System.nanoTime();
        com.tradebot.local.stepfunctions.asl.Json.parse("{\"a\":1}");
        long t1 = System.nanoTime();
        com.tradebot.local.stepfunctions.asl.JsonPaths.find(com.tradebot.local.stepfunctions.asl.Json.parse("{\"a\":1}"), "$.a");
        long t2 = System.nanoTime();
        StateMachine m = new StateMachine("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"s.$\":\"States.MathAdd($.a, 1)\"},\"End\":true}}}");
        long t3 = System.nanoTime();
        m.execute("{\"a\":1}", new TestFunctions().taskInvoker(), ExecutionOptions.defaults());
        long t4 = System.nanoTime();
        System.out.println("TIMING json=" + (t1 - t0) / 1000000 + " path=" + (t2 - t1) / 1000000 + " load=" + (t3 - t2) / 1000000 + " run=" + (t4 - t3) / 1000000);
    }
}
