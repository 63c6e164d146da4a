package com.tradebot.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RevenueSplitTest {

    @Test
    void ninetyNineNinetyNineAtTwentyPercent() {
        RevenueSplit split = RevenueSplit.of(99_99, 20);
        assertThat(split.platformCents()).isEqualTo(20_00);
        assertThat(split.providerCents()).isEqualTo(79_99);
    }

    @Test
    void roundsHalfUpForThePlatform() {
        assertThat(RevenueSplit.of(2_50, 1).platformCents()).isEqualTo(3);   // 2.5 → 3
        assertThat(RevenueSplit.of(2_49, 1).platformCents()).isEqualTo(2);   // 2.49 → 2
        assertThat(RevenueSplit.of(1, 50).platformCents()).isEqualTo(1);     // 0.5 → 1
        assertThat(RevenueSplit.of(10_05, 10).platformCents()).isEqualTo(1_01); // 100.5 → 101
    }

    @Test
    void edgesOfTheShare() {
        assertThat(RevenueSplit.of(12_34, 0)).isEqualTo(new RevenueSplit(12_34, 0, 12_34));
        assertThat(RevenueSplit.of(12_34, 100)).isEqualTo(new RevenueSplit(12_34, 12_34, 0));
        assertThatThrownBy(() -> RevenueSplit.of(100, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RevenueSplit.of(-1, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void partsAddUpAndPlatformIsTheRoundedShare(@ForAll @LongRange(min = 0, max = 10_000_000_00L) long cents,
                                                @ForAll @IntRange(min = 0, max = 100) int percent) {
        RevenueSplit split = RevenueSplit.of(cents, percent);
        assertThat(split.platformCents() + split.providerCents()).isEqualTo(cents);
        // |platform - cents*percent/100| <= 1/2, with ties going up
        long twice = 2 * (100 * split.platformCents() - cents * percent);
        assertThat(twice).isBetween(-100L, 100L);
        if (twice == -100) {
            throw new AssertionError("a tie was rounded down");
        }
    }
}
