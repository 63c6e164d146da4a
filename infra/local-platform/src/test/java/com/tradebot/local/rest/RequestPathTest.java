package com.tradebot.local.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathTest {

    @Test
    void leadingAndTrailingSlashesDoNotCountButInnerEmptySegmentsDo() throws Exception {
        assertThat(RequestPath.parse("/api/auth/login/").segments()).containsExactly("api", "auth", "login");
        assertThat(RequestPath.parse("//api/auth/login//").segments()).containsExactly("api", "auth", "login");
        assertThat(RequestPath.parse("/api//auth/login").segments()).containsExactly("api", "", "auth", "login");
        assertThat(RequestPath.parse("/").segments()).isEmpty();
    }

    @Test
    void segmentsAreDecodedAfterSplittingSoAnEncodedSlashStaysInItsSegment() throws Exception {
        RequestPath path = RequestPath.parse("/keys/a%2Fb/%C3%A9+x");

        assertThat(path.segments()).containsExactly("keys", "a/b", "é+x");
        assertThat(path.decoded()).isEqualTo("/keys/a/b/é+x");
    }

    @Test
    void badEscapesAndIllFormedUtf8AreRefused() {
        for (String raw : List.of("/keys/%zz", "/keys/%", "/keys/%4", "/keys/%C3%28", "/keys/%ED%A0%80")) {
            assertThatThrownBy(() -> RequestPath.parse(raw)).as(raw)
                    .isInstanceOf(RequestPath.MalformedPathException.class);
        }
    }
}
