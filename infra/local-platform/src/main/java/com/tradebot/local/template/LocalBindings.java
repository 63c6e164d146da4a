package com.tradebot.local.template;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the template's references resolve to on this machine and is only known once a service is up: queue URLs
 * depend on the SQS port, gateway URLs on the bound ports. The platform fills it in as it starts services.
 */
public final class LocalBindings {
    private volatile Function<String, String> queueUrls;
    private volatile URI restEndpoint;
    private volatile URI webSocketEndpoint;

    public void queueUrls(Function<String, String> queueUrlByLogicalId) {
        this.queueUrls = Objects.requireNonNull(queueUrlByLogicalId);
    }

    public void restEndpoint(URI endpoint) {
        this.restEndpoint = endpoint;
    }

    public void webSocketEndpoint(URI endpoint) {
        this.webSocketEndpoint = endpoint;
    }

    String queueUrl(String logicalId) {
        Function<String, String> urls = queueUrls;
        if (urls == null) {
            throw new TemplateException("Queue URL of " + logicalId + " is not known before SQS has started");
        }
        return urls.apply(logicalId);
    }

    URI restEndpoint() {
        return require(restEndpoint, "REST gateway");
    }

    URI webSocketEndpoint() {
        return require(webSocketEndpoint, "WebSocket gateway");
    }

    private static URI require(URI uri, String what) {
        if (uri == null) {
            throw new TemplateException("The URL of the " + what + " is not known before it has started");
        }
        return uri;
    }
}
