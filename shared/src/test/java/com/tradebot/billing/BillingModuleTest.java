package com.tradebot.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.billing.local.LocalPaymentsGateway;
import com.tradebot.billing.stripe.StripePaymentsGateway;
import com.tradebot.common.Env;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingModuleTest {

    @Test
    void aStripeKeySelectsStripeAndRequiresTheWebhookSecret() throws Exception {
        Env.withOverrides(Map.of("STRIPE_SECRET_KEY", "sk_test_mode", "STRIPE_WEBHOOK_SECRET", "whsec_real"), () -> {
            assertThat(BillingModule.stripeMode()).isTrue();
            assertThat(BillingModule.webhookSecret()).isEqualTo("whsec_real");
            assertThat(BillingModule.gateway(null, "t", Clock.systemUTC())).isInstanceOf(StripePaymentsGateway.class);
            return null;
        });
        Env.withOverrides(Map.of("STRIPE_SECRET_KEY", "sk_test_mode"), () -> {
            assertThatThrownBy(BillingModule::webhookSecret).hasMessageContaining("STRIPE_WEBHOOK_SECRET");
            return null;
        });
    }

    @Test
    void withoutAKeyTheLocalAdapterStandsIn() throws Exception {
        Env.withOverrides(Map.of("STRIPE_SECRET_KEY", "", "TRADEBOT_LOCAL_PLATFORM_URL", "http://localhost:13700"), () -> {
            assertThat(BillingModule.stripeMode()).isFalse();
            assertThat(BillingModule.webhookSecret()).isEqualTo(BillingModule.LOCAL_WEBHOOK_SECRET);
            assertThat(BillingModule.gateway(null, "t", Clock.systemUTC())).isInstanceOf(LocalPaymentsGateway.class);
            return null;
        });
    }
}
