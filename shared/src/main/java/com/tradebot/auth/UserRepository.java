package com.tradebot.auth;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Cursors;
import com.tradebot.storage.InvalidCursorException;
import com.tradebot.storage.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Users in the single table: {@code USER#<id> / PROFILE} (GSI1 {@code USERS / <createdAt>#<id>} for the admin list)
 * and a uniqueness guard {@code EMAIL#<email> / EMAIL} written in the same transaction.
 */
public final class UserRepository {
    private static final String PROFILE = "PROFILE";
    private static final String ALL_USERS = "USERS";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public UserRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Thrown by {@link #create} when the email already belongs to an account. */
    public static final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("email taken", null, false, false);
        }
    }

    /** A page of users, oldest first, and the cursor of the next page. */
    public record Page(List<User> users, Optional<String> nextCursor) {
    }

    public void create(User user) {
        Map<String, AttributeValue> guard = Map.of(PK, Attr.s(emailKey(user.email())), SK, Attr.s("EMAIL"),
                TYPE, Attr.s("UserEmail"), "userId", Attr.s(user.id()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(guard)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(toItem(user))
                            .conditionExpression("attribute_not_exists(PK)")).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    public Optional<User> findById(String id) {
        return Items.get(dynamoDb, table, key(id)).map(UserRepository::fromItem);
    }

    public Optional<User> findByEmail(String normalisedEmail) {
        return Items.get(dynamoDb, table, Map.of(PK, Attr.s(emailKey(normalisedEmail)), SK, Attr.s("EMAIL")))
                .flatMap(guard -> findById(Attr.str(guard, "userId")));
    }

    /** @throws InvalidCursorException when {@code cursor} was not handed out by this listing */
    public Page list(int limit, Optional<String> cursor) {
        Map<String, AttributeValue> start = cursor.map(c -> Cursors.decode(c,
                Map.of(GSI1_PK, ALL_USERS, SK, PROFILE), Set.of(PK, GSI1_SK))).orElse(null);
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(ALL_USERS)))
                .limit(limit)
                .exclusiveStartKey(start));
        List<User> users = new ArrayList<>();
        page.items().forEach(item -> users.add(fromItem(item)));
        Optional<String> next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(Cursors.encode(page.lastEvaluatedKey())) : Optional.empty();
        return new Page(users, next);
    }

    /** @return false when the user does not exist */
    public boolean updateRole(String id, Role role) {
        return conditionalUpdate(id, "SET #role = :role", Map.of("#role", "role"), Map.of(":role", Attr.s(role.name())),
                "attribute_exists(PK)");
    }

    /** @return false when the user does not exist */
    public boolean setDisabled(String id, boolean disabled) {
        return conditionalUpdate(id, "SET disabled = :d", Map.of(), Map.of(":d", Attr.bool(disabled)),
                "attribute_exists(PK)");
    }

    /** Stores a pending TOTP secret; refused (false) while 2FA is enabled, so setup cannot replace a live secret. */
    public boolean savePendingTotpSecret(String id, byte[] ciphertext) {
        return conditionalUpdate(id, "SET totpSecret = :s, totpEnabled = :f REMOVE recoveryCodes, totpLastStep",
                Map.of(), Map.of(":s", AttributeValue.fromB(SdkBytes.fromByteArray(ciphertext)), ":f", Attr.bool(false),
                        ":t", Attr.bool(true)),
                "attribute_exists(PK) AND (attribute_not_exists(totpEnabled) OR totpEnabled <> :t)");
    }

    /** Enables 2FA with the given recovery-code hashes; false unless a pending secret exists and 2FA is off. */
    public boolean enableTotp(String id, Set<String> recoveryCodeHashes, long acceptedStep) {
        return conditionalUpdate(id, "SET totpEnabled = :t, recoveryCodes = :codes, totpLastStep = :step", Map.of(),
                Map.of(":t", Attr.bool(true), ":codes", AttributeValue.fromSs(List.copyOf(recoveryCodeHashes)),
                        ":step", Attr.n(acceptedStep)),
                "attribute_exists(totpSecret) AND totpEnabled <> :t");
    }

    public boolean disableTotp(String id) {
        return conditionalUpdate(id, "SET totpEnabled = :f REMOVE totpSecret, recoveryCodes, totpLastStep", Map.of(),
                Map.of(":f", Attr.bool(false)), "attribute_exists(PK)");
    }

    /** Records that a TOTP time step was used; false if it (or a later one) was used already, i.e. a replay. */
    public boolean consumeTotpStep(String id, long step) {
        return conditionalUpdate(id, "SET totpLastStep = :step", Map.of(), Map.of(":step", Attr.n(step)),
                "attribute_exists(PK) AND (attribute_not_exists(totpLastStep) OR totpLastStep < :step)");
    }

    /** Burns one recovery code; false when it is not (or no longer) among the user's codes. */
    public boolean consumeRecoveryCode(String id, String codeHash) {
        return conditionalUpdate(id, "DELETE recoveryCodes :code", Map.of(),
                Map.of(":code", AttributeValue.fromSs(List.of(codeHash)), ":h", Attr.s(codeHash)),
                "contains(recoveryCodes, :h)");
    }

    private boolean conditionalUpdate(String id, String update, Map<String, String> names,
                                      Map<String, AttributeValue> values, String condition) {
        return Items.conditionally(() -> dynamoDb.updateItem(b -> {
            b.tableName(table).key(key(id)).updateExpression(update).conditionExpression(condition)
                    .expressionAttributeValues(values.isEmpty() ? null : values);
            if (!names.isEmpty()) {
                b.expressionAttributeNames(names);
            }
        }));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, Attr.s("USER#" + id), SK, Attr.s(PROFILE));
    }

    private static String emailKey(String email) {
        return "EMAIL#" + email;
    }

    private static Map<String, AttributeValue> toItem(User user) {
        Map<String, AttributeValue> item = new HashMap<>(key(user.id()));
        item.put(TYPE, Attr.s("User"));
        item.put("userId", Attr.s(user.id()));
        item.put("email", Attr.s(user.email()));
        item.put("name", Attr.s(user.name()));
        item.put("role", Attr.s(user.role().name()));
        item.put("passwordHash", Attr.s(user.passwordHash()));
        item.put("disabled", Attr.bool(user.disabled()));
        item.put("totpEnabled", Attr.bool(user.totpEnabled()));
        item.put("createdAt", Attr.s(user.createdAt().toString()));
        item.put(GSI1_PK, Attr.s(ALL_USERS));
        item.put(GSI1_SK, Attr.s(user.createdAt() + "#" + user.id()));
        if (user.totpSecretCiphertext() != null) {
            item.put("totpSecret", AttributeValue.fromB(SdkBytes.fromByteArray(user.totpSecretCiphertext())));
        }
        if (!user.recoveryCodeHashes().isEmpty()) {
            item.put("recoveryCodes", AttributeValue.fromSs(List.copyOf(user.recoveryCodeHashes())));
        }
        return item;
    }

    private static User fromItem(Map<String, AttributeValue> item) {
        AttributeValue secret = item.get("totpSecret");
        AttributeValue codes = item.get("recoveryCodes");
        return new User(Attr.str(item, "userId"), Attr.str(item, "email"), Attr.str(item, "name"),
                Role.valueOf(Attr.str(item, "role")), Attr.str(item, "passwordHash"), Attr.flag(item, "disabled"),
                secret == null || secret.b() == null ? null : secret.b().asByteArray(), Attr.flag(item, "totpEnabled"),
                codes == null || !codes.hasSs() ? Set.of() : new HashSet<>(codes.ss()), Attr.instant(item, "createdAt"));
    }
}
