package com.tradebot.local.rest;

import com.tradebot.local.template.ApiRouteDef;
import com.tradebot.local.template.RestApiDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route of a request the way API Gateway does: a literal segment beats a {@code {param}}, which beats a
 * greedy {@code {proxy+}}; a route's own method beats {@code ANY}. Slashes follow {@link RequestPath}: leading and
 * trailing ones do not count, an empty segment inside the path matches nothing.
 */
public final class RouteTable {
    private final List<CompiledRoute> routes = new ArrayList<>();

    public RouteTable(List<RestApiDef> apis) {
        for (RestApiDef api : apis) {
            for (ApiRouteDef route : api.routes()) {
                routes.add(new CompiledRoute(api, route, RequestPath.segmentsOfDecoded(route.path())));
            }
        }
    }

    public record Match(RestApiDef api, ApiRouteDef route, Map<String, String> pathParameters) {
    }

    /** Matches an already decoded path (segments split on its slashes). */
    public Optional<Match> match(String method, String path) {
        return match(method, RequestPath.segmentsOfDecoded(path));
    }

    public Optional<Match> match(String method, List<String> requestSegments) {
        CompiledRoute best = null;
        Map<String, String> bestParameters = null;
        for (CompiledRoute candidate : routes) {
            if (!candidate.route.method().equals("ANY") && !candidate.route.method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = candidate.bind(requestSegments);
            if (parameters != null && (best == null || candidate.compareTo(best) < 0)) {
                best = candidate;
                bestParameters = parameters;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Match(best.api, best.route, bestParameters));
    }

    /** True when some route has this path (for CORS preflight). */
    public boolean hasPath(String path) {
        List<String> requestSegments = RequestPath.segmentsOfDecoded(path);
        return routes.stream().anyMatch(route -> route.bind(requestSegments) != null);
    }

    /** The API whose preflight settings apply to a path; empty when no route has the path. */
    public Optional<RestApiDef> apiOfPath(List<String> requestSegments) {
        return routes.stream().filter(route -> route.bind(requestSegments) != null).map(route -> route.api)
                .findFirst();
    }

    private static final class CompiledRoute implements Comparable<CompiledRoute> {
        private final RestApiDef api;
        private final ApiRouteDef route;
        private final List<String> pattern;

        CompiledRoute(RestApiDef api, ApiRouteDef route, List<String> pattern) {
            this.api = api;
            this.route = route;
            this.pattern = pattern;
        }

        /** The path parameters when the request's segments fit this route, else null. */
        Map<String, String> bind(List<String> request) {
            if (request.contains("")) {
                return null; // API Gateway has no resource for an empty segment inside the path
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String segment = pattern.get(i);
                if (isGreedy(segment)) {
                    if (i >= request.size()) {
                        return null; // {proxy+} needs at least one segment
                    }
                    parameters.put(name(segment), String.join("/", request.subList(i, request.size())));
                    return parameters;
                }
                if (i >= request.size()) {
                    return null;
                }
                if (isParameter(segment)) {
                    parameters.put(name(segment), request.get(i));
                } else if (!segment.equals(request.get(i))) {
                    return null;
                }
            }
            return pattern.size() == request.size() ? parameters : null;
        }

        /** Negative when this route is more specific than {@code other}. */
        @Override
        public int compareTo(CompiledRoute other) {
            int common = Math.min(pattern.size(), other.pattern.size());
            for (int i = 0; i < common; i++) {
                int difference = Integer.compare(rank(pattern.get(i)), rank(other.pattern.get(i)));
                if (difference != 0) {
                    return difference;
                }
            }
            boolean anyHere = route.method().equals("ANY");
            boolean anyThere = other.route.method().equals("ANY");
            return Boolean.compare(anyHere, anyThere);
        }

        private static int rank(String segment) {
            return isGreedy(segment) ? 2 : isParameter(segment) ? 1 : 0;
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        private static boolean isGreedy(String segment) {
            return segment.startsWith("{") && segment.endsWith("+}");
        }

        private static String name(String segment) {
            return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
        }
    }
}
