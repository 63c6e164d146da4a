package com.tradebot.local.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.template.ApiRouteDef;
import com.tradebot.local.template.RestApiDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static RouteTable table(ApiRouteDef... routes) {
        return new RouteTable(List.of(new RestApiDef("Api", "abc", "Prod", null, Map.of(), Map.of(), null, List.of(),
                List.of(routes), List.of())));
    }

    private static ApiRouteDef route(String method, String path) {
        return new ApiRouteDef("Api", "Fn" + path, method, path, null);
    }

    @Test
    void literalBeatsParameterBeatsGreedyAndMethodBeatsAny() {
        RouteTable routes = table(route("GET", "/{proxy+}"), route("ANY", "/items/{id}"), route("GET", "/items/{id}"),
                route("GET", "/items/new"));

        assertThat(routes.match("GET", "/items/new").orElseThrow().route().path()).isEqualTo("/items/new");
        RouteTable.Match byId = routes.match("GET", "/items/9").orElseThrow();
        assertThat(byId.route().method()).isEqualTo("GET");
        assertThat(byId.pathParameters()).containsEntry("id", "9");
        assertThat(routes.match("DELETE", "/items/9").orElseThrow().route().method()).isEqualTo("ANY");
        assertThat(routes.match("GET", "/a/b").orElseThrow().pathParameters()).containsEntry("proxy", "a/b");
        assertThat(routes.match("POST", "/a/b")).isEmpty();
        assertThat(routes.match("GET", "/")).isEmpty();
    }

    @Test
    void trailingSlashesAndRootMatch() {
        RouteTable routes = table(route("GET", "/health"), route("GET", "/"));

        assertThat(routes.match("GET", "/health/")).isPresent();
        assertThat(routes.match("GET", "/").orElseThrow().route().path()).isEqualTo("/");
        assertThat(routes.match("GET", "/health/x")).isEmpty();
    }

    @Test
    void anEmptySegmentInsideThePathMatchesNoRouteNotEvenAParameter() {
        RouteTable routes = table(route("POST", "/api/auth/login"), route("GET", "/items/{id}"),
                route("GET", "/files/{proxy+}"));

        assertThat(routes.match("POST", "//api/auth/login/")).isPresent();
        assertThat(routes.match("POST", "/api//auth/login")).isEmpty();
        assertThat(routes.match("GET", "/items//")).isEmpty();
        assertThat(routes.match("GET", "/files/a//b")).isEmpty();
        assertThat(routes.match("GET", "/files/a/b/").orElseThrow().pathParameters()).containsEntry("proxy", "a/b");
    }
}
