package com.tradebot.local.rest;

import java.util.Map;
import java.util.Optional;

/**
 * Pages the local platform serves itself under {@code /_local/} (besides the schedule trigger): stand-ins for what
 * a third party would host, such as Stripe's checkout page. Not part of the template; absent on AWS.
 */
public interface LocalPages {

    /** The page for this request, or empty when the path is none of these pages. */
    Optional<Page> handle(String method, String path, Map<String, String> query, String accept);

    record Page(int status, String contentType, String body) {
    }
}
