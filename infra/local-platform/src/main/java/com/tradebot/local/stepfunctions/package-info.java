/**
 * A local Step Functions for the platform: an Amazon States Language runner ({@link
 * com.tradebot.local.stepfunctions.StateMachine}) and the Step Functions API on a port ({@link
 * com.tradebot.local.stepfunctions.LocalStepFunctions}).
 *
 * <p>JSONPath-mode ASL only. Task resources: Lambda function ARNs and the request-response
 * {@code arn:aws:states:::lambda:invoke}; other integrations, callbacks (.waitForTaskToken), Distributed Map's
 * ItemReader/ResultWriter and JSONata are rejected when a definition loads. Distributed Map runs in-process like an
 * inline Map. Sub-packages: {@code asl} (the language: paths, templates, intrinsics, choice rules, validation) and
 * {@code api} (the AWS JSON 1.0 endpoint and the in-memory executions).
 */
package com.tradebot.local.stepfunctions;
