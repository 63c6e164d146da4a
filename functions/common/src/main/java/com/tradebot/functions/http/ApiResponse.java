package com.tradebot.functions.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a route returns: status, an object serialised as JSON (or nothing), extra headers and cookies. */
public final class ApiResponse {
    private final int status;
    private final Object body;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();

    private ApiResponse(int status, Object body) {
        this.status = status;
        this.body = body;
    }

    public static ApiResponse of(int status, Object body) {
        return new ApiResponse(status, body);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A full Set-Cookie value, e.g. {@code refresh=...; HttpOnly; Secure; SameSite=Strict; Path=/api/auth}. */
    public ApiResponse cookie(String setCookieValue) {
        cookies.add(setCookieValue);
        return this;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<String> cookies() {
        return cookies;
    }
}
