package com.tradebot.dynamodb;

import com.tradebot.dynamodb.protocol.Response;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire protocol seen from a plain HTTP client. */
class ProtocolTest extends EngineTestSupport {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> post(String target, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownOperationIsReported() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.FlyToTheMoon", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }

    @Test
    void malformedJsonIsASerializationError() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("SerializationException");
    }

    @Test
    void responsesCarryARequestIdAndTheCrc32OfTheBody() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        CRC32 crc = new CRC32();
        crc.update(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
    }

    @Test
    void anEmptyAnswerCarriesTheCrc32OfItsBodyToo() throws Exception {
        assertThat(post("DynamoDB_20120810.CreateTable", ("{\"TableName\":\"crc\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}").getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> response = post("DynamoDB_20120810.PutItem",
                "{\"TableName\":\"crc\",\"Item\":{\"pk\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        CRC32 crc = new CRC32();
        crc.update(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(Long.toString(crc.getValue()));
    }

    @Test
    void bodiesOverSixteenMegabytesAreRefused() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 10];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", body);
        assertThat(response.statusCode()).isEqualTo(413);
    }

    /** One request on a raw socket, the body sent in the given pieces with a pause between them; the whole answer. */
    private static String rawExchange(String headers, byte[]... bodyPieces) throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (byte[] piece : bodyPieces) {
                // lets the server read what has come so far, so that it must wait for the rest
                Thread.sleep(50);
                out.write(piece);
                out.flush();
            }
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String rawHeaders(String target, String lengthHeader) {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810." + target + "\r\n" + lengthHeader + "Connection: close\r\n\r\n";
    }

    @Test
    void aBodyArrivingInPiecesIsAnsweredWhenComplete() throws Exception {
        byte[] body = "{\"Limit\": 5}".getBytes(StandardCharsets.UTF_8);
        String answer = rawExchange(rawHeaders("ListTables", "Content-Length: " + body.length + "\r\n"),
                Arrays.copyOfRange(body, 0, 4), Arrays.copyOfRange(body, 4, 9), Arrays.copyOfRange(body, 9, body.length));
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"TableNames\"");
    }

    @Test
    void aChunkedBodyIsRead() throws Exception {
        String answer = rawExchange(rawHeaders("ListTables", "Transfer-Encoding: chunked\r\n"),
                "5\r\n{\"Lim\r\n".getBytes(StandardCharsets.US_ASCII), "7\r\nit\": 5}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"TableNames\"");
    }

    @Test
    void anEmptyBodyIsAnEmptyRequest() throws Exception {
        String answer = rawExchange(rawHeaders("ListTables", "Content-Length: 0\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"TableNames\"");
    }

    @Test
    void aClientLeavingMidBodyLeavesTheServerServing() throws Exception {
        try (Socket socket = new Socket(engine.endpoint().getHost(), engine.endpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((rawHeaders("ListTables", "Content-Length: 100\r\n") + "{\"Lim").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void inProcessEngineAnswersWithoutASocket() {
        try (DynamoDbEngine inProcess = DynamoDbEngine.builder().startInProcess()) {
            Response created = inProcess.handle("CreateTable", ("{\"TableName\":\"local\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}").getBytes(StandardCharsets.UTF_8));
            assertThat(created.status()).isEqualTo(200);
            Response put = inProcess.handle("PutItem",
                    "{\"TableName\":\"local\",\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"2.50\"}}}".getBytes(StandardCharsets.UTF_8));
            assertThat(put.status()).isEqualTo(200);
            Response got = inProcess.handle("GetItem",
                    "{\"TableName\":\"local\",\"Key\":{\"id\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"2.5\"}}}");
            Response missing = inProcess.handle("GetItem",
                    "{\"TableName\":\"nope\",\"Key\":{\"id\":{\"S\":\"a\"}}}".getBytes(StandardCharsets.UTF_8));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("ResourceNotFoundException");
        }
    }
}
