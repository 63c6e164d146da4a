package com.tradebot.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.TransferCreateParams;
import com.stripe.param.TransferListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.common.EmptyParam;
import com.tradebot.billing.PaymentsGateway;
import java.util.Map;
import java.util.Optional;

/** {@link PaymentsGateway} on the Stripe API through stripe-java's per-instance {@link StripeClient}. */
public final class StripePaymentsGateway implements PaymentsGateway {
    private final StripeClient stripe;

    public StripePaymentsGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    /** A client for the real API; {@code apiBase} is only set by tests (WireMock). */
    public static StripePaymentsGateway create(String secretKey, String apiBase) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(secretKey).setMaxNetworkRetries(2);
        if (apiBase != null) {
            builder.setApiBase(apiBase).setConnectBase(apiBase);
        }
        return new StripePaymentsGateway(builder.build());
    }

    @Override
    public String createProduct(String strategyId, String name) {
        return call(() -> {
            Product product = stripe.products().create(ProductCreateParams.builder()
                    .setName(name)
                    .putMetadata("strategyId", strategyId)
                    .build(), idempotent("product-" + strategyId));
            return product.getId();
        });
    }

    @Override
    public String createMonthlyPrice(String strategyId, String productId, long amountCents, String currency,
                                     int revision) {
        return call(() -> {
            Price price = stripe.prices().create(PriceCreateParams.builder()
                    .setProduct(productId)
                    .setUnitAmount(amountCents)
                    .setCurrency(currency)
                    .setRecurring(PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build())
                    .putMetadata("strategyId", strategyId)
                    .putMetadata("revision", Integer.toString(revision))
                    .build(), idempotent("price-" + strategyId + "-" + revision));
            return price.getId();
        });
    }

    @Override
    public void archivePrice(String priceId) {
        call(() -> stripe.prices().update(priceId, PriceUpdateParams.builder().setActive(false).build()));
    }

    @Override
    public CheckoutSession createCheckoutSession(CheckoutRequest request) {
        Map<String, String> metadata = request.metadata().toMap();
        return call(() -> {
            SessionCreateParams.Builder params = SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .addLineItem(SessionCreateParams.LineItem.builder()
                            .setPrice(request.priceId()).setQuantity(1L).build())
                    .setClientReferenceId(request.metadata().subscriptionId())
                    .putAllMetadata(metadata)
                    // copied onto the Stripe subscription, so every invoice carries it as a snapshot
                    .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                            .putAllMetadata(metadata).build())
                    .setSuccessUrl(request.successUrl())
                    .setCancelUrl(request.cancelUrl());
            if (request.customerEmail() != null) {
                params.setCustomerEmail(request.customerEmail());
            }
            Session session = stripe.checkout().sessions().create(params.build(),
                    idempotent("checkout-" + request.metadata().subscriptionId() + "-" + request.priceId()));
            return new CheckoutSession(session.getId(), session.getUrl());
        });
    }

    @Override
    public void setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancelAtPeriodEnd) {
        call(() -> stripe.subscriptions().update(stripeSubscriptionId, SubscriptionUpdateParams.builder()
                .setCancelAtPeriodEnd(cancelAtPeriodEnd).build()));
    }

    @Override
    public void setCollectionPaused(String stripeSubscriptionId, boolean paused) {
        SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder();
        if (paused) {
            params.setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                    .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build());
        } else {
            params.setPauseCollection(EmptyParam.EMPTY);
        }
        call(() -> stripe.subscriptions().update(stripeSubscriptionId, params.build()));
    }

    @Override
    public String createExpressAccount(String providerId, String email) {
        return call(() -> {
            AccountCreateParams.Builder params = AccountCreateParams.builder()
                    .setType(AccountCreateParams.Type.EXPRESS)
                    .setCapabilities(AccountCreateParams.Capabilities.builder()
                            .setTransfers(AccountCreateParams.Capabilities.Transfers.builder()
                                    .setRequested(true).build())
                            .build())
                    .putMetadata("providerId", providerId);
            if (email != null) {
                params.setEmail(email);
            }
            Account account = stripe.accounts().create(params.build(), idempotent("account-" + providerId));
            return account.getId();
        });
    }

    @Override
    public String createAccountLink(String accountId, String refreshUrl, String returnUrl) {
        return call(() -> stripe.accountLinks().create(AccountLinkCreateParams.builder()
                .setAccount(accountId)
                .setRefreshUrl(refreshUrl)
                .setReturnUrl(returnUrl)
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                .build()).getUrl());
    }

    @Override
    public Transfer createTransfer(String accountId, long amountCents, String currency, String transferGroup) {
        return call(() -> toTransfer(stripe.transfers().create(TransferCreateParams.builder()
                .setAmount(amountCents)
                .setCurrency(currency)
                .setDestination(accountId)
                .setTransferGroup(transferGroup)
                .putMetadata("transferGroup", transferGroup)
                .build(), idempotent(transferGroup))));
    }

    @Override
    public Optional<Transfer> findTransfer(String transferGroup) {
        return call(() -> {
            StripeCollection<com.stripe.model.Transfer> page = stripe.transfers().list(TransferListParams.builder()
                    .setTransferGroup(transferGroup).setLimit(1L).build());
            return page.getData().stream().findFirst().map(StripePaymentsGateway::toTransfer);
        });
    }

    @Override
    public Optional<String> invoiceOfPaymentIntent(String paymentIntentId) {
        return call(() -> {
            StripeCollection<InvoicePayment> page = stripe.invoicePayments().list(InvoicePaymentListParams.builder()
                    .setPayment(InvoicePaymentListParams.Payment.builder()
                            .setType(InvoicePaymentListParams.Payment.Type.PAYMENT_INTENT)
                            .setPaymentIntent(paymentIntentId).build())
                    .setLimit(1L)
                    .build());
            return page.getData().stream().findFirst().map(InvoicePayment::getInvoice);
        });
    }

    private static Transfer toTransfer(com.stripe.model.Transfer transfer) {
        return new Transfer(transfer.getId(), transfer.getAmount(), transfer.getDestination(),
                transfer.getTransferGroup());
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw new PaymentsGatewayException(e);
        }
    }
}
