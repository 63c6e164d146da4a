package com.tradebot.functions.api.billing;

import com.tradebot.auth.Role;
import com.tradebot.billing.ProviderEarningsService;
import com.tradebot.billing.ProviderOnboarding;
import com.tradebot.billing.RevenueReportService;
import com.tradebot.common.ApiException;
import com.tradebot.functions.api.marketplace.StrategiesHandler;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.subscription.PaymentsWiring;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Providers' money and the platform's: {@code GET /api/providers/me/earnings} (balance, available, pending, paid out,
 * by month), {@code POST /api/providers/me/payouts/onboarding} (Stripe Connect Express link), and the ADMIN
 * {@code GET /api/admin/revenue?from=YYYY-MM&to=YYYY-MM} (default: the last 12 months).
 */
public final class ProviderBillingHandler extends ApiHandler {
    private final ProviderEarningsService earnings;
    private final ProviderOnboarding onboarding;
    private final RevenueReportService revenue;
    private final Clock clock;

    public ProviderBillingHandler() {
        this(PaymentsWiring.fromEnvironment());
    }

    private ProviderBillingHandler(PaymentsWiring wiring) {
        this(wiring.earnings(), wiring.onboarding(), wiring.revenueReport(), wiring.clock());
    }

    public ProviderBillingHandler(ProviderEarningsService earnings, ProviderOnboarding onboarding,
                                  RevenueReportService revenue, Clock clock) {
        this.earnings = earnings;
        this.onboarding = onboarding;
        this.revenue = revenue;
        this.clock = clock;
        route("GET", "/api/providers/me/earnings", request -> ApiResponse.ok(this.earnings.earnings(
                request.requireRole(Role.PROVIDER).userId())).header("Cache-Control", "no-store"));
        route("POST", "/api/providers/me/payouts/onboarding", request -> {
            String providerId = request.requireRole(Role.PROVIDER).userId();
            String back = StrategiesHandler.apiBaseUrl(request) + "/api/providers/me/earnings";
            return ApiResponse.ok(this.onboarding.start(providerId, null, back, back))
                    .header("Cache-Control", "no-store");
        });
        route("GET", "/api/admin/revenue", this::report);
    }

    private ApiResponse report(ApiRequest request) {
        request.requireRole(Role.ADMIN);
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth to = month(request, "to", now);
        YearMonth from = month(request, "from", to.minusMonths(11));
        try {
            return ApiResponse.ok(revenue.report(from, to)).header("Cache-Control", "no-store");
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("from", e.getMessage())));
        }
    }

    private static YearMonth month(ApiRequest request, String name, YearMonth fallback) {
        try {
            return request.query(name).map(YearMonth::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError(name, "must be a month, YYYY-MM")));
        }
    }
}
