package com.tradebot.billing;

import java.time.Instant;

/**
 * Stripe Connect onboarding for providers: one Express account per provider (created once, idempotently), and a
 * fresh account link each time the provider opens onboarding. Payouts start once Stripe reports
 * {@code payouts_enabled} through {@code account.updated}.
 */
public final class ProviderOnboarding {
    private final BillingRepository repository;
    private final PaymentsGateway gateway;

    public ProviderOnboarding(BillingRepository repository, PaymentsGateway gateway) {
        this.repository = repository;
        this.gateway = gateway;
    }

    public record Onboarding(String accountId, String onboardingUrl, boolean payoutsEnabled) {
    }

    public Onboarding start(String providerId, String email, String refreshUrl, String returnUrl) {
        PayoutAccount account = repository.findPayoutAccount(providerId).orElseGet(() -> {
            String accountId = gateway.createExpressAccount(providerId, email);
            // updatedAt = epoch: any account.updated event, earlier or later, supersedes this first record
            PayoutAccount created = new PayoutAccount(providerId, accountId, false, false, Instant.EPOCH);
            repository.commit(BillingCommit.withoutEvent().payoutAccount(created));
            return repository.findPayoutAccount(providerId).orElse(created);
        });
        String url = gateway.createAccountLink(account.accountId(), refreshUrl, returnUrl);
        return new Onboarding(account.accountId(), url, account.payoutsEnabled());
    }
}
