package com.tradebot.local.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.billing.BillingModule;
import com.tradebot.billing.local.LocalPaymentsProcessor;
import com.tradebot.common.Json;
import com.tradebot.local.rest.LocalPages;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local payments mode's stand-ins for Stripe's hosted pages: the checkout page a {@code checkoutUrl} opens
 * ({@code /_local/checkout/<session>}) and the Connect onboarding page ({@code /_local/connect/<account>}). Paying or
 * finishing onboarding there makes the local payments adapter send the events Stripe would, signed with the webhook
 * function's secret, to this platform's own {@code POST /webhooks/stripe}: the same verification and handling as
 * production. A GET shows the page; a POST (the page's button) completes it. With {@code Accept: application/json}
 * the answer is JSON, for scripts and tests.
 */
public final class LocalPaymentPages implements LocalPages {
    private static final Pattern CHECKOUT = Pattern.compile("/_local/checkout/([A-Za-z0-9_-]{1,200})");
    private static final Pattern CONNECT = Pattern.compile("/_local/connect/([A-Za-z0-9_-]{1,200})");

    private final Supplier<DynamoDbClient> dynamoDb;
    private final String table;
    private final Supplier<Optional<Settings>> settings;
    private volatile Optional<LocalPaymentsProcessor> processor;

    /** Where the pages deliver and with which secret; empty when the platform runs in Stripe mode (no pages). */
    public record Settings(URI platformUrl, String webhookSecret) {
    }

    /**
     * {@code settings} is read on first use: the gateway's port and the functions' resolved environment are known only
     * once the platform has started. So is {@code dynamoDb}: an SDK client is not built while the platform starts.
     */
    public LocalPaymentPages(Supplier<DynamoDbClient> dynamoDb, String table, Supplier<Optional<Settings>> settings) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.settings = settings;
    }

    private Optional<LocalPaymentsProcessor> processors() {
        if (processor == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = settings.get().map(s -> BillingModule.localGateway(dynamoDb.get(), table,
                            s.platformUrl().toString(), s.webhookSecret(), Clock.systemUTC()).processor());
                }
            }
        }
        return processor;
    }

    private LocalPaymentsProcessor processor() {
        return processors().orElseThrow();
    }

    @Override
    public Optional<Page> handle(String method, String path, Map<String, String> query, String accept) {
        if (processors().isEmpty()) {
            return Optional.empty();
        }
        boolean json = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
        Matcher checkout = CHECKOUT.matcher(path);
        if (checkout.matches()) {
            return Optional.of(checkout(method, checkout.group(1), json));
        }
        Matcher connect = CONNECT.matcher(path);
        if (connect.matches()) {
            return Optional.of(connect(method, connect.group(1), query.get("return"), json));
        }
        return Optional.empty();
    }

    private Page checkout(String method, String sessionId, boolean json) {
        LocalPaymentsProcessor.CheckoutView view;
        try {
            view = processor().checkout(sessionId);
        } catch (IllegalArgumentException e) {
            return error(404, "NOT_FOUND", "No checkout session " + sessionId, json);
        }
        if (method.equals("GET")) {
            if (json) {
                return jsonPage(200, Json.MAPPER.valueToTree(view));
            }
            String amount = money(view.amountCents(), view.currency());
            String body = view.status().equals("open")
                    ? "<p>Subscription <code>" + html(view.subscriptionId()) + "</code>: <b>" + amount
                        + "</b> a month.</p><form method=\"post\"><button type=\"submit\">Pay " + amount
                        + " (local test payment)</button></form><p><a href=\"" + html(view.cancelUrl())
                        + "\">Cancel</a></p>"
                    : "<p>This checkout is " + html(view.status()) + ".</p>";
            return htmlPage(200, "TradeBot checkout (local payments)", body);
        }
        if (!method.equals("POST")) {
            return error(405, "METHOD_NOT_ALLOWED", "GET shows the checkout, POST pays", json);
        }
        if (!view.status().equals("open")) {
            return error(409, "CHECKOUT_CLOSED", "This checkout is " + view.status(), json);
        }
        LocalPaymentsProcessor.PaidPeriod paid;
        try {
            paid = processor().pay(sessionId);
        } catch (IllegalStateException e) {
            return error(409, "CHECKOUT_CLOSED", "This checkout is no longer open", json);
        }
        boolean delivered = paid.deliveryStatuses().stream().allMatch(status -> status / 100 == 2);
        if (json) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("status", "paid");
            out.put("subscriptionId", view.subscriptionId());
            out.put("stripeSubscriptionId", paid.stripeSubscriptionId());
            out.put("invoiceId", paid.invoiceId());
            out.put("amountCents", paid.amountCents());
            out.put("periodEnd", paid.periodEnd().toString());
            out.set("webhookStatuses", Json.MAPPER.valueToTree(paid.deliveryStatuses()));
            return jsonPage(delivered ? 200 : 502, out);
        }
        return htmlPage(delivered ? 200 : 502, "Payment " + (delivered ? "complete" : "not delivered"),
                "<p>Paid " + money(paid.amountCents(), view.currency()) + "; webhook answers "
                        + html(paid.deliveryStatuses().toString()) + ".</p><p><a href=\"" + html(view.successUrl())
                        + "\">Continue</a></p>");
    }

    private Page connect(String method, String accountId, String returnUrl, boolean json) {
        if (method.equals("GET")) {
            String back = returnUrl == null ? "" : "<input type=\"hidden\" name=\"return\" value=\""
                    + html(returnUrl) + "\">";
            return json ? jsonPage(200, Json.MAPPER.createObjectNode().put("accountId", accountId))
                    : htmlPage(200, "Payout onboarding (local payments)", "<p>Connected account <code>"
                            + html(accountId) + "</code>.</p><form method=\"post\">" + back
                            + "<button type=\"submit\">Complete onboarding</button></form>");
        }
        if (!method.equals("POST")) {
            return error(405, "METHOD_NOT_ALLOWED", "GET shows the page, POST completes onboarding", json);
        }
        int status;
        try {
            status = processor().completeOnboarding(accountId);
        } catch (IllegalArgumentException e) {
            return error(404, "NOT_FOUND", "No connected account " + accountId, json);
        }
        boolean delivered = status / 100 == 2;
        return json ? jsonPage(delivered ? 200 : 502, Json.MAPPER.createObjectNode().put("accountId", accountId)
                        .put("payoutsEnabled", true).put("webhookStatus", status))
                : htmlPage(delivered ? 200 : 502, "Onboarding complete", "<p>Payouts are enabled for <code>"
                        + html(accountId) + "</code>.</p>");
    }

    private static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, cents % 100, currency.toUpperCase(Locale.ROOT));
    }

    private static Page error(int status, String code, String message, boolean json) {
        if (json) {
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.putObject("error").put("code", code).put("message", message);
            return jsonPage(status, error);
        }
        return htmlPage(status, code, "<p>" + html(message) + "</p>");
    }

    private static Page jsonPage(int status, Object body) {
        return new Page(status, "application/json", Json.write(body));
    }

    private static Page htmlPage(int status, String title, String body) {
        return new Page(status, "text/html; charset=utf-8", "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                + html(title) + "</title></head><body><h1>" + html(title) + "</h1>" + body + "</body></html>");
    }

    /** Escapes text for HTML (hand-written: five characters, not worth a dependency). */
    private static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
