package com.tradebot.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.common.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Registration, login, refresh rotation and reuse detection, back-off and admin actions against the real engine. */
class AccountsIntegrationTest {
    private final AuthFixture fixture = new AuthFixture();
    private final Accounts accounts = fixture.auth.accounts();
    private final Sessions sessions = fixture.auth.sessions();

    private static ApiException apiError(Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void registersWithANormalisedEmailAndLogsIn() {
        AuthSession session = fixture.register("  Alice@Example.COM ", "PROVIDER");
        assertThat(session.user().email()).isEqualTo("alice@example.com");
        assertThat(session.user().role()).isEqualTo("PROVIDER");
        assertThat(fixture.auth.accessTokens().verify(session.accessToken())).hasValueSatisfying(c ->
                assertThat(c.userId()).isEqualTo(session.user().id()));
        AuthSession login = accounts.login(new Accounts.Login("ALICE@example.com", "Correct-horse-9", null), "10.0.0.1");
        assertThat(login.user().id()).isEqualTo(session.user().id());
        assertThat(fixture.auth.users().findById(session.user().id()).orElseThrow().passwordHash())
                .startsWith("$argon2id$").doesNotContain("Correct-horse-9");
    }

    @Test
    void aDuplicateEmailIsAConflictEvenUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String variant = i % 2 == 0 ? "bob@example.com" : "BOB@example.com";
                attempts.add(pool.submit(() -> {
                    try {
                        fixture.register(variant, null);
                        return 201;
                    } catch (ApiException e) {
                        return e.status();
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> attempt : attempts) {
                statuses.add(attempt.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesBadRegistrationsWithFieldDetailsAndWritesNothing() {
        ApiException weak = apiError(() -> accounts.register(new Accounts.Registration("not-an-email", "short", "", "ROOT"), "10.0.0.1"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.details()).extracting(ApiException.FieldError::field)
                .containsExactlyInAnyOrder("email", "password", "name", "role");
        ApiException escalation = apiError(() -> fixture.register("eve@example.com", "ADMIN"));
        assertThat(escalation.status()).isEqualTo(403);
        assertThat(fixture.auth.users().findByEmail("eve@example.com")).isEmpty();
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        AuthSession login = fixture.register("carol@example.com", null);
        AuthSession second = sessions.refresh(login.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(login.refreshToken());
        AuthSession third = sessions.refresh(second.refreshToken());

        // the first token is presented again (stolen copy): refused, and the live token dies with its family
        ApiException reuse = apiError(() -> sessions.refresh(login.refreshToken()));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(apiError(() -> sessions.refresh(third.refreshToken())).status()).isEqualTo(401);

        // another login is another family and still works
        AuthSession other = accounts.login(new Accounts.Login("carol@example.com", "Correct-horse-9", null), "10.0.0.2");
        assertThat(sessions.refresh(other.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void refreshTokensExpireAfterSevenDaysAndLogoutRevokes() {
        AuthSession login = fixture.register("dan@example.com", null);
        fixture.clock.advance(Sessions.REFRESH_LIFETIME.plusSeconds(1));
        assertThat(apiError(() -> sessions.refresh(login.refreshToken())).status()).isEqualTo(401);

        AuthSession again = accounts.login(new Accounts.Login("dan@example.com", "Correct-horse-9", null), "10.0.0.3");
        sessions.end(again.refreshToken());
        assertThat(apiError(() -> sessions.refresh(again.refreshToken())).status()).isEqualTo(401);
        assertThat(apiError(() -> sessions.refresh("garbage")).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsBackOffPerAccountWithRetryAfter() {
        fixture.register("frank@example.com", null);
        for (int i = 0; i < 5; i++) {
            int attempt = i;
            ApiException wrong = apiError(() -> accounts.login(
                    new Accounts.Login("frank@example.com", "wrong-password-" + attempt, null), "10.0.1." + attempt));
            assertThat(wrong.status()).isEqualTo(401);
        }
        // even the right password waits now, from any IP
        ApiException blocked = apiError(() -> accounts.login(
                new Accounts.Login("frank@example.com", "Correct-horse-9", null), "10.9.9.9"));
        assertThat(blocked).isInstanceOf(TooManyAttemptsException.class);
        assertThat(((TooManyAttemptsException) blocked).retryAfterSeconds().getAsLong()).isBetween(1L, 30L);
        fixture.clock.advance(Duration.ofSeconds(31));
        assertThat(accounts.login(new Accounts.Login("frank@example.com", "Correct-horse-9", null), "10.9.9.9"))
                .isNotNull();
    }

    /** Runs {@code call} {@code times} at once and counts the outcomes by status (200 for no exception). */
    private static java.util.Map<Integer, Integer> concurrently(int times, java.util.function.IntConsumer call)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(times);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            int n = i;
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    call.accept(n);
                    return 200;
                } catch (ApiException e) {
                    return e.status();
                }
            }));
        }
        start.countDown();
        java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (var outcome : outcomes) {
            counts.merge(outcome.get(), 1, Integer::sum);
        }
        pool.shutdown();
        return counts;
    }

    @Test
    void concurrentWrongPasswordsCannotOutrunTheBackOff() throws Exception {
        fixture.register("race@example.com", null);
        var counts = concurrently(30, n -> accounts.login(
                new Accounts.Login("race@example.com", "wrong-password-" + n, null), "10.7.0." + n));
        // 401 = the password was checked; everything else was refused before the check
        assertThat(counts.getOrDefault(401, 0)).isBetween(1, LoginThrottle.Subject.ACCOUNT.threshold());
        assertThat(counts.getOrDefault(429, 0)).isEqualTo(30 - counts.getOrDefault(401, 0));
    }

    @Test
    void concurrentWrongTotpCodesCannotOutrunTheBackOff() throws Exception {
        AuthSession registered = fixture.register("race-totp@example.com", null);
        fixture.enableTwoFactor(registered.user().id());
        var counts = concurrently(20, n -> fixture.auth.secondFactor().disable(registered.user().id(),
                String.format("%06d", n)));
        assertThat(counts.getOrDefault(401, 0)).isBetween(1, LoginThrottle.Subject.TOTP.threshold());
        assertThat(counts.getOrDefault(429, 0)).isEqualTo(20 - counts.getOrDefault(401, 0));
    }

    @Test
    void registrationsAreCountedPerIp() {
        for (int i = 0; i < LoginThrottle.Subject.REGISTRATION_IP.threshold(); i++) {
            accounts.register(new Accounts.Registration("many" + i + "@example.com", "Correct-horse-9", "M", null),
                    "10.8.8.8");
        }
        ApiException refused = apiError(() -> accounts.register(
                new Accounts.Registration("one-more@example.com", "Correct-horse-9", "M", null), "10.8.8.8"));
        assertThat(refused).isInstanceOf(TooManyAttemptsException.class);
        assertThat(accounts.register(new Accounts.Registration("elsewhere@example.com", "Correct-horse-9", "M", null),
                "10.8.8.9")).isNotNull();
    }

    @Test
    void aSuccessfulLoginIsNotCountedAgainstItsIp() {
        fixture.register("office@example.com", null);
        for (int i = 0; i < LoginThrottle.Subject.IP.threshold() + 5; i++) {
            assertThat(accounts.login(new Accounts.Login("office@example.com", "Correct-horse-9", null), "10.9.0.1"))
                    .isNotNull();
        }
    }

    @Test
    void unknownEmailsFailLikeWrongPasswordsAndCountPerIp() {
        for (int i = 0; i < 20; i++) {
            int attempt = i;
            assertThat(apiError(() -> accounts.login(new Accounts.Login("nobody" + attempt + "@example.com",
                    "Whatever-123", null), "10.6.6.6")).code()).isEqualTo("INVALID_CREDENTIALS");
        }
        assertThat(apiError(() -> accounts.login(new Accounts.Login("nobody@example.com", "Whatever-123", null),
                "10.6.6.6")).status()).isEqualTo(429);
    }

    @Test
    void twoFactorLoginNeedsAFreshCodeOrAOneTimeRecoveryCode() {
        AuthSession registered = fixture.register("grace@example.com", null);
        String userId = registered.user().id();
        String secret = fixture.auth.secondFactor().setup(userId).secret();
        List<String> recovery = fixture.auth.secondFactor().enable(userId, new Totp(fixture.clock).currentCode(secret));
        assertThat(recovery).hasSize(10);

        assertThat(apiError(() -> accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", null), "10.0.2.1"))
                .code()).isEqualTo("TOTP_REQUIRED");
        assertThat(apiError(() -> accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", "000000"), "10.0.2.1"))
                .code()).isEqualTo("INVALID_TOTP");

        String code = fixture.nextCode(secret);
        assertThat(accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", code), "10.0.2.1")).isNotNull();
        // the same code again, within its validity: a replay
        assertThat(apiError(() -> accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", code), "10.0.2.1"))
                .code()).isEqualTo("INVALID_TOTP");

        assertThat(accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", recovery.get(0)), "10.0.2.1"))
                .isNotNull();
        assertThat(apiError(() -> accounts.login(new Accounts.Login("grace@example.com", "Correct-horse-9", recovery.get(0)), "10.0.2.1"))
                .status()).isEqualTo(401);
    }

    @Test
    void guessingTotpCodesBacksOff() {
        AuthSession registered = fixture.register("heidi@example.com", null);
        String secret = fixture.enableTwoFactor(registered.user().id());
        for (int i = 0; i < 5; i++) {
            assertThat(apiError(() -> fixture.auth.secondFactor().require(registered.user().id(), "123456")).status())
                    .isIn(401);
        }
        // the right code is refused too while the back-off lasts (30 s after the 5th failure)
        fixture.clock.advance(Duration.ofSeconds(20));
        String rightCode = new Totp(fixture.clock).currentCode(secret);
        assertThat(apiError(() -> fixture.auth.secondFactor().require(registered.user().id(), rightCode)))
                .isInstanceOf(TooManyAttemptsException.class);
        fixture.clock.advance(Duration.ofSeconds(15));
        fixture.auth.secondFactor().require(registered.user().id(), new Totp(fixture.clock).currentCode(secret));
    }

    @Test
    void twoFactorSetupCannotReplaceALiveSecretAndDisableNeedsACode() {
        AuthSession registered = fixture.register("ivan@example.com", null);
        String userId = registered.user().id();
        String secret = fixture.enableTwoFactor(userId);
        assertThat(apiError(() -> fixture.auth.secondFactor().setup(userId)).status()).isEqualTo(409);
        assertThat(apiError(() -> fixture.auth.secondFactor().disable(userId, "999999")).status()).isEqualTo(401);
        fixture.auth.secondFactor().disable(userId, fixture.nextCode(secret));
        assertThat(fixture.auth.users().findById(userId).orElseThrow().totpEnabled()).isFalse();
        assertThat(fixture.auth.users().findById(userId).orElseThrow().totpSecretCiphertext()).isNull();
    }

    @Test
    void disablingAUserEndsRefreshAtOnceAndBlocksLogin() {
        AuthSession admin = fixture.register("admin@example.com", null);
        fixture.auth.users().updateRole(admin.user().id(), Role.ADMIN);
        AuthSession victim = fixture.register("judy@example.com", null);
        AuthSession otherDevice = accounts.login(new Accounts.Login("judy@example.com", "Correct-horse-9", null), "10.0.3.1");

        fixture.auth.administration().setDisabled(admin.user().id(), victim.user().id(), true);
        assertThat(apiError(() -> sessions.refresh(victim.refreshToken())).status()).isEqualTo(401);
        assertThat(apiError(() -> sessions.refresh(otherDevice.refreshToken())).status()).isEqualTo(401);
        assertThat(apiError(() -> accounts.login(new Accounts.Login("judy@example.com", "Correct-horse-9", null), "10.0.3.1"))
                .code()).isEqualTo("ACCOUNT_DISABLED");

        fixture.auth.administration().setDisabled(admin.user().id(), victim.user().id(), false);
        assertThat(accounts.login(new Accounts.Login("judy@example.com", "Correct-horse-9", null), "10.0.3.1")).isNotNull();
    }

    @Test
    void adminsChangeRolesListUsersAndCannotTouchThemselves() {
        AuthSession admin = fixture.register("root@example.com", null);
        fixture.auth.users().updateRole(admin.user().id(), Role.ADMIN);
        AuthSession user = fixture.register("ken@example.com", null);
        UserAdministration administration = fixture.auth.administration();

        assertThat(administration.changeRole(admin.user().id(), user.user().id(), "provider").role()).isEqualTo("PROVIDER");
        assertThat(sessions.refresh(user.refreshToken()).user().role()).isEqualTo("PROVIDER");
        assertThat(apiError(() -> administration.changeRole(admin.user().id(), "no-such-user", "USER")).status()).isEqualTo(404);
        assertThat(apiError(() -> administration.changeRole(admin.user().id(), admin.user().id(), "USER")).status()).isEqualTo(409);
        assertThat(apiError(() -> administration.changeRole(admin.user().id(), user.user().id(), "GOD")).status()).isEqualTo(400);

        UserAdministration.UserPage first = administration.list(1, java.util.Optional.empty());
        assertThat(first.items()).hasSize(1);
        assertThat(first.nextCursor()).isNotNull();
        UserAdministration.UserPage rest = administration.list(10, java.util.Optional.of(first.nextCursor()));
        assertThat(rest.items()).extracting(User.UserView::id).doesNotContain(first.items().get(0).id());
        assertThat(rest.items().size() + 1).isEqualTo(2);
        assertThatThrownBy(() -> administration.list(10, java.util.Optional.of("bogus"))).isInstanceOf(ApiException.class);
    }

    @Test
    void theTableHoldsNoPasswordTokenOrTotpSecretInClear() {
        AuthSession session = fixture.register("lou@example.com", null);
        AuthSession rotated = sessions.refresh(session.refreshToken());
        String totpSecret = fixture.auth.secondFactor().setup(session.user().id()).secret();
        List<String> recovery = fixture.auth.secondFactor().enable(session.user().id(),
                new Totp(fixture.clock).currentCode(totpSecret));
        StringBuilder everything = new StringBuilder();
        com.tradebot.testing.LocalDynamoDb.client().scanPaginator(b -> b.tableName(fixture.table)).items()
                .forEach(item -> item.values().forEach(value -> everything.append(value.s()).append(value.ss())
                        .append(value.b() == null ? "" : new String(value.b().asByteArray(),
                                java.nio.charset.StandardCharsets.ISO_8859_1)).append('\n')));
        assertThat(everything).contains("lou@example.com"); // the scan does see the user's items
        assertThat(everything.toString()).doesNotContain("Correct-horse-9").doesNotContain(session.refreshToken())
                .doesNotContain(rotated.refreshToken()).doesNotContain(totpSecret).doesNotContain(recovery.get(0))
                .doesNotContain(session.accessToken());
    }
}
