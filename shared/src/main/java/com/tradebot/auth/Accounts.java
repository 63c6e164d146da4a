package com.tradebot.auth;

import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.UserText;
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

    /** Registers an account; {@code clientIp} is counted (per-IP back-off, behind the WAF's rate rule). */
    public AuthSession register(Registration request, String clientIp) {
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
        } else if (UserText.problem(name).isPresent()) {
            problems.add(new FieldError("name", UserText.problem(name).get()));
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
        // every registration counts (success included): this bounds account creation per address
        throttle.reserve(LoginThrottle.Subject.REGISTRATION_IP, clientIp).failed();
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
        // counted before the password is checked, so concurrent guesses cannot outrun the back-off
        LoginThrottle.Attempt fromIp = throttle.reserve(LoginThrottle.Subject.IP, clientIp);
        LoginThrottle.Attempt onAccount;
        try {
            onAccount = throttle.reserve(LoginThrottle.Subject.ACCOUNT, email);
        } catch (TooManyAttemptsException e) {
            fromIp.release();
            throw e;
        }

        Optional<User> found = users.findByEmail(email);
        if (found.isEmpty()) {
            passwords.burnTimeForUnknownUser(request.password());
            throw failedLogin(fromIp, onAccount, clientIp);
        }
        User user = found.get();
        if (!passwords.matches(request.password(), user.passwordHash())) {
            throw failedLogin(fromIp, onAccount, clientIp);
        }
        // the password is right: not a guess (the TOTP code has its own counter)
        onAccount.succeeded();
        fromIp.release();
        if (user.disabled()) {
            throw new ApiException(403, "ACCOUNT_DISABLED", "Account is disabled");
        }
        if (user.totpEnabled()) {
            if (request.totpCode() == null || request.totpCode().isBlank()) {
                throw new ApiException(401, "TOTP_REQUIRED", "This account needs a two-factor code (totpCode)");
            }
            secondFactor.check(user, request.totpCode());
        }
        LOG.info("Login succeeded: user {} from {}", user.id(), clientIp);
        return sessions.start(user);
    }

    public User.UserView profile(String userId) {
        return users.findById(userId).map(User::view).orElseThrow(() -> ApiException.unauthorized("Unknown user"));
    }

    private ApiException failedLogin(LoginThrottle.Attempt fromIp, LoginThrottle.Attempt onAccount, String clientIp) {
        LOG.info("Login failed: wrong credentials from {}", clientIp);
        onAccount.failed();
        fromIp.failed();
        return new ApiException(401, "INVALID_CREDENTIALS", "Email or password is wrong");
    }
}
