/**
 * Black-box conformance suite for the DynamoDB engine: every test talks to a server only through the real AWS SDK v2
 * {@code DynamoDbClient} (url-connection client, us-east-1, dummy credentials), so the same suite can judge any
 * DynamoDB-compatible server.
 *
 * <p>Target: by default {@link com.tradebot.dynamodb.conformance.support.DynamoDbTarget} starts our engine in-process
 * on a free port, once per JVM. {@code -Ddynamodb.endpoint=http://127.0.0.1:4567} points the suite at another server,
 * e.g. dynalite ({@code npx dynalite --port 4567}), which reproduces DynamoDB's validation messages and so checks the
 * expectations written here. Tests for what dynalite lacks or gets wrong carry {@code @Tag("beyond-dynalite")}:
 * <pre>
 * mvn -o -pl infra/dynamodb-engine/conformance -am test -Dtest='com.tradebot.dynamodb.conformance.**' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Ddynamodb.endpoint=http://127.0.0.1:4567 -DexcludedGroups=beyond-dynalite
 * </pre>
 *
 * <p>Expected messages come from DynamoDB's recorded answers (dynalite's tests, ScyllaDB's alternator tests run against
 * DynamoDB, moto, the API Reference). Global-index reads are assumed to see writes at once, as local servers do;
 * only the model-based property test polls, so it also tolerates real DynamoDB's index lag.
 *
 * <p>Packages follow the API: {@code tables} (Create/Describe/List/Delete/UpdateTable, TTL), {@code items}
 * (Put/Get/Delete/UpdateItem, ReturnValues), {@code reads} (Query, Scan, indexes, paging and order),
 * {@code batch}, {@code transactions}, {@code expressions}, {@code types} (values and limits), {@code capacity},
 * {@code model} (model-based property test), {@code concurrency}, {@code durability} (SIGKILL of a child engine
 * process) and {@code cli} (the real AWS CLI).
 */
package com.tradebot.dynamodb.conformance;
