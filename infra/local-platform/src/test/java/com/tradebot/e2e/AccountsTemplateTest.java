package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.template.ApiRouteDef;
import com.tradebot.local.template.RestApiDef;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.WafRateRuleDef;
import com.tradebot.local.template.WebSocketApiDef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The security wiring of template.yaml as the local platform (and so AWS) reads it. */
class AccountsTemplateTest {
    /** Routes anyone may call without a token. Adding one here is a security decision; review it. */
    static final Set<String> PUBLIC_ROUTES = Set.of("GET /health", "POST /api/auth/register", "POST /api/auth/login",
            "POST /api/auth/refresh", "POST /api/auth/logout",
            // marketplace (issue 15): the listing and reviews are public reads; the TradingView webhook is
            // authenticated by the strategy's passphrase in the body, which TradingView can send but not a token
            "GET /api/strategies", "GET /api/strategies/{id}/reviews", "POST /webhooks/tradingview/{strategyId}",
            // Stripe cannot send a token: the Stripe-Signature over the raw body authenticates (issue 17)
            "POST /webhooks/stripe");

    private final TemplateModel model = ProjectTemplate.model();

    private RestApiDef restApi() {
        return model.restApis().stream().filter(api -> api.logicalId().equals("RestApi")).findFirst().orElseThrow();
    }

    @Test
    void everyRouteButTheReviewedPublicOnesNeedsTheTokenAuthorizer() {
        RestApiDef api = restApi();
        assertThat(api.defaultAuthorizer()).isEqualTo("TokenAuthorizer");
        assertThat(api.authorizers().get("TokenAuthorizer").payloadType()).isEqualTo("REQUEST");
        assertThat(api.authorizers().get("TokenAuthorizer").identityHeaders()).containsExactly("Authorization");
        for (ApiRouteDef route : api.routes()) {
            String key = route.method() + " " + route.path();
            if ("NONE".equals(route.authorizer())) {
                assertThat(PUBLIC_ROUTES).as("route without authorizer: " + key).contains(key);
            } else {
                assertThat(route.authorizer()).as(key).isIn(null, "TokenAuthorizer", "OptionalTokenAuthorizer");
            }
        }
    }

    @Test
    void wafLimitsAllRequestsAndTighterOnLoginAndRegisterWith429AndRetryAfter() {
        List<WafRateRuleDef> rules = model.wafRateRules();
        assertThat(rules).extracting(WafRateRuleDef::name).containsExactly("login-per-ip", "register-per-ip",
                "tradingview-webhook-per-ip", "api-per-ip");
        WafRateRuleDef all = rules.get(3);
        assertThat(all.limit()).isEqualTo(100);
        assertThat(all.windowSeconds()).isEqualTo(60);
        // every request but TradingView's deliveries, which have their own, higher limit (issue 15)
        assertThat(all.scopeDownStatement()).containsOnlyKeys("NotStatement");
        assertThat(rules.get(2).limit()).isGreaterThan(all.limit());
        assertThat(rules.get(0).limit()).isLessThan(all.limit());
        assertThat(rules.get(1).limit()).isLessThan(all.limit());
        for (WafRateRuleDef rule : rules) {
            assertThat(rule.blockStatus()).isEqualTo(429);
            assertThat(rule.blockHeaders()).containsKey("Retry-After");
            assertThat(rule.blockContentType()).isEqualTo("application/json");
            assertThat(rule.blockBody()).contains("TOO_MANY_REQUESTS");
        }
        assertThat(restApi().throttling()).anySatisfy(t -> assertThat(t.resourcePath()).isEqualTo("/~1api~1auth~1login"));
    }

    @Test
    void webSocketConnectRunsTheSameAuthorizer() {
        WebSocketApiDef ws = model.webSocketApis().get(0);
        var connect = ws.routes().get("$connect");
        assertThat(connect.authorizer()).isNotNull();
        assertThat(connect.authorizer().functionLogicalId()).isEqualTo("AuthorizerFunction");
        assertThat(restApi().authorizers().get("TokenAuthorizer").functionLogicalId()).isEqualTo("AuthorizerFunction");
    }
}
