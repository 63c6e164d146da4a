package com.tradebot.local.websocket;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What API Gateway checks before a {@code @connections} call (the management API needs SigV4 and
 * {@code execute-api:ManageConnections}): an {@code AWS4-HMAC-SHA256} Authorization header scoped to service
 * {@code execute-api} in the platform's region, an X-Amz-Date within five minutes, the access key of the
 * credentials the platform's functions use, and a signature that the SDK's own signer reproduces over the request as
 * received. Refusals carry AWS's error types and messages.
 */
final class SigV4Check {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*"
                    + "SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String SERVICE = "execute-api";

    /** Why a request is refused: AWS's {@code x-amzn-ErrorType} and message, always with 403. */
    record Refusal(String errorType, String message) {
    }

    /** The request as received: method, raw path and query, headers (case-insensitive lookup) and body. */
    record Received(String method, String host, String rawPath, String rawQuery,
            Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }
    }

    private final String region;
    private final Supplier<AwsCredentials> accepted;
    private final Clock clock;

    /** @param accepted the credentials the platform's functions sign with (read per request: they may change) */
    SigV4Check(String region, Supplier<AwsCredentials> accepted, Clock clock) {
        this.region = region;
        this.accepted = accepted;
        this.clock = clock;
    }

    /** Empty when the request is signed as API Gateway requires. */
    Optional<Refusal> check(Received request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return refuse("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher authorization = AUTHORIZATION.matcher(header.get().trim());
        if (!authorization.matches()) {
            return refuse("IncompleteSignatureException", "Authorization header requires 'Credential', "
                    + "'Signature' and 'SignedHeaders' parameters of an AWS4-HMAC-SHA256 signature.");
        }
        String accessKeyId = authorization.group(1);
        String scopeDate = authorization.group(2);
        if (!SERVICE.equals(authorization.group(4))) {
            return refuse("InvalidSignatureException", "Credential should be scoped to correct service: '"
                    + SERVICE + "'.");
        }
        if (!region.equals(authorization.group(3))) {
            return refuse("InvalidSignatureException", "Credential should be scoped to a valid region.");
        }
        List<String> signedHeaders = List.of(authorization.group(5).split(";"));
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return refuse("IncompleteSignatureException", "SignedHeaders must include host and x-amz-date.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(request.header("X-Amz-Date").orElse("")));
        } catch (DateTimeParseException e) {
            return refuse("IncompleteSignatureException", "Authorization header requires existence of either a "
                    + "'X-Amz-Date' or a 'Date' header.");
        }
        if (!AMZ_DATE.format(signedAt).startsWith(scopeDate)
                || Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return refuse("InvalidSignatureException", "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is not within 5 minutes of the server's time.");
        }
        AwsCredentials credentials = accepted.get();
        if (credentials == null || !credentials.accessKeyId().equals(accessKeyId)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String expected = expectedSignature(request, signedHeaders, signedAt, credentials);
        if (!MessageDigest.isEqual(expected.getBytes(), authorization.group(6).getBytes())) {
            return refuse("InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return Optional.empty();
    }

    /** Signs the received request again with the SDK's signer (same time, same signed headers). */
    private String expectedSignature(Received request, List<String> signedHeaders, Instant signedAt,
            AwsCredentials credentials) {
        SdkHttpRequest.Builder rebuilt = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + request.host() + request.rawPath()
                        + (request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery())));
        for (String name : signedHeaders) {
            if (!name.equals("x-amz-date")) { // the signer writes it from the signing clock
                request.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                        .findFirst().ifPresent(entry -> rebuilt.putHeader(name, entry.getValue()));
            }
        }
        byte[] body = request.body();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                .request(rebuilt.build())
                .payload(body.length == 0 ? null : ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        Matcher matcher = AUTHORIZATION.matcher(authorization);
        return matcher.matches() ? matcher.group(6) : "";
    }

    private static Optional<Refusal> refuse(String errorType, String message) {
        return Optional.of(new Refusal(errorType, message));
    }
}
