package com.tradebot.auth;

import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Registration and login. Failed logins are counted per account and per IP and then slowed down. */
public final class Accounts {
    private static final Logger LOG = LogManager.getLogger(Accounts.class);
    private static final int MAX_NAME_LENGTH = 100;

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final Sessions sessions;
    private final SecondFactor secondFactor;
    private final LoginThrottle throttle;
    private final Clock clock;

    public Accounts(UserRepository users, PasswordHasher passwords, Sessions sessions, SecondFactor secondFactor,
                    LoginThrottle throttle, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.clock = clock;
    }

    public record Registration(String email, String password, String name, String role) {
        @Override
        public String toString() {
            return "Registration[role=" + role + "]";
        }
    }

    public record Login(String email, String password, String totpCode) {
        @Override
        public String toString() {
            return "Login[***]";
        }
    }

    public AuthSession register(Registration request) {
        List<FieldError> problems = new ArrayList<>();
        Optional<String> email = EmailAddress.normalise(request.email());
        if (request.email() == null || request.email().isBlank()) {
            problems.add(new FieldError("email", "is required"));
        } else if (email.isEmpty()) {
            problems.add(new FieldError("email", "is not a valid email address"));
        }
        PasswordPolicy.problem(request.password()).ifPresent(p -> problems.add(new FieldError("password", p)));
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        Role role = Role.USER;
        if (request.role() != null) {
            Optional<Role> parsed = Role.parse(request.role());
            if (parsed.isEmpty()) {
                problems.add(new FieldError("role", "must be USER or PROVIDER"));
            } else {
                role = parsed.get();
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        if (!role.selfAssignable()) {
            throw ApiException.forbidden("Only an admin can grant the ADMIN role");
        }
        User user = new User(UUID.randomUUID().toString(), email.get(), name, role, passwords.hash(request.password()),
                false, null, false, null, clock.instant());
        try {
            users.create(user);
        } catch (UserRepository.EmailTakenException e) {
            throw ApiException.conflict("EMAIL_TAKEN", "An account with this email already exists");
        }
        LOG.info("User registered: {} as {}", user.id(), role);
        return sessions.start(user);
    }

    public AuthSession login(Login request, String clientIp) {
        List<FieldError> problems = new ArrayList<>();
        if (request.email() == null || request.email().isBlank()) {
            problems.add(new FieldError("email", "is required"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            problems.add(new FieldError("password", "is required"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        String email = EmailAddress.normalise(request.email()).orElseThrow(() -> ApiException.validation(
                List.of(new FieldError("email", "is not a valid email address"))));
        guard(LoginThrottle.Subject.IP, clientIp);
        guard(LoginThrottle.Subject.ACCOUNT, email);

        Optional<User> found = users.findByEmail(email);
        if (found.isEmpty()) {
            passwords.burnTimeForUnknownUser(request.password());
            throw failedLogin(email, clientIp);
        }
        User user = found.get();
        if (!passwords.matches(request.password(), user.passwordHash())) {
            throw failedLogin(email, clientIp);
        }
        if (user.disabled()) {
            throw new ApiException(403, "ACCOUNT_DISABLED", "Account is disabled");
        }
        if (user.totpEnabled()) {
            if (request.totpCode() == null || request.totpCode().isBlank()) {
                throw new ApiException(401, "TOTP_REQUIRED", "This account needs a two-factor code (totpCode)");
            }
            secondFactor.check(user, request.totpCode());
        }
        throttle.reset(LoginThrottle.Subject.ACCOUNT, email);
        LOG.info("Login succeeded: user {} from {}", user.id(), clientIp);
        return sessions.start(user);
    }

    public User.UserView profile(String userId) {
        return users.findById(userId).map(User::view).orElseThrow(() -> ApiException.unauthorized("Unknown user"));
    }

    private void guard(LoginThrottle.Subject subject, String value) {
        throttle.retryAfter(subject, value).ifPresent(wait -> {
            throw new TooManyAttemptsException(wait);
        });
    }

    private ApiException failedLogin(String email, String clientIp) {
        LOG.info("Login failed: wrong credentials from {}", clientIp);
        throttle.recordFailure(LoginThrottle.Subject.ACCOUNT, email);
        throttle.recordFailure(LoginThrottle.Subject.IP, clientIp);
        return new ApiException(401, "INVALID_CREDENTIALS", "Email or password is wrong");
    }
}
