package io.custody.infra.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.identity.FoundOrganisation;
import io.custody.api.identity.MemberId;
import io.custody.api.wallet.OrganisationId;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.Sessions;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The rate limits against the running application, with small limits that refill so slowly (one token in about 17
 * minutes) that no test depends on time. Every scenario sends from loopback addresses of its own (127.0.0.x: Linux
 * routes the whole 127/8 to the loopback interface), so that "another address is not affected" is a real second
 * address and the scenarios do not share buckets.
 */
class RateLimitsIntegrationTest {

    @TempDir
    static Path dataDir;
    static RunningApplication app;

    @BeforeAll
    static void start() {
        app = RunningApplication.start(dataDir,
                "--custody.rate-limit.commands.per-caller.capacity=3",
                "--custody.rate-limit.commands.per-caller.per-second=0.001",
                "--custody.rate-limit.commands.per-ip.capacity=5",
                "--custody.rate-limit.commands.per-ip.per-second=0.001",
                "--custody.rate-limit.session.per-ip.capacity=3",
                "--custody.rate-limit.session.per-ip.per-second=0.001");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** An administrator of an organisation of its own, with a session opened directly (no HTTP request spent). */
    static String caller() {
        String slug = "rl-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId admin = MemberId.random();
        app.context().getBean(CommandGateway.class).sendAndWait(new FoundOrganisation(new OrganisationId(slug),
                "Organisation " + slug, admin, "Admin of " + slug));
        Sessions.Opened session = app.context().getBean(Sessions.class)
                .open(admin.toString(), slug, "test-session", "127.0.0.1", "tests");
        return app.context().getBean(AccessTokens.class)
                .issue(admin.toString(), slug, session.session().toString(), "test-session");
    }

    /** A command that the application refuses cheaply (400, no wallet fields) once it is past the limits. */
    static Raw command(String from, String token) {
        return Raw.send(from, "POST", "/api/v1/wallets", token, "{}");
    }

    static void limited(Raw response, String limit) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        JsonNode error = response.json().get("error");
        assertThat(error.get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(error.get("reason").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(error.get("details").get("limit").get(0).asString()).isEqualTo(limit);
        assertThat(error.get("traceId").asString()).isNotBlank();
        // one token a thousand seconds: the next one is minutes away, and the header says so in whole seconds
        assertThat(Long.parseLong(response.header("retry-after"))).isBetween(60L, 1001L);
    }

    @Test
    void commands_over_a_callers_limit_get_429_with_retry_after_and_other_callers_go_on() {
        String alice = caller();
        String bob = caller();
        for (int i = 0; i < 3; i++) {
            assertThat(command("127.0.0.11", alice).status()).isEqualTo(400);
        }
        limited(command("127.0.0.11", alice), "commands per caller");
        // the limit follows the caller to another address
        limited(command("127.0.0.12", alice), "commands per caller");
        // another caller from the same address is not affected
        assertThat(command("127.0.0.11", bob).status()).isEqualTo(400);
        // reads are not limited
        assertThat(Raw.send("127.0.0.11", "GET", "/api/v1/wallets", alice, null).status()).isEqualTo(200);
    }

    @Test
    void commands_over_an_addresss_limit_get_429_and_other_addresses_go_on() {
        String carol = caller();
        String dave = caller();
        for (int i = 0; i < 3; i++) {
            assertThat(command("127.0.0.21", carol).status()).isEqualTo(400);
        }
        assertThat(command("127.0.0.21", dave).status()).isEqualTo(400);
        assertThat(command("127.0.0.21", dave).status()).isEqualTo(400);
        // dave has a token left, the address has none
        limited(command("127.0.0.21", dave), "commands per client address");
        assertThat(command("127.0.0.22", dave).status()).isEqualTo(400);
    }

    @Test
    void the_ways_in_are_limited_per_address_more_strictly_than_commands() {
        String badEnrolment = "{\"token\":\"inv.nope\",\"displayName\":\"Eve\"}";
        for (int i = 0; i < 3; i++) {
            Raw refused = Raw.send("127.0.0.31", "POST", "/api/v1/enrolment", null, badEnrolment);
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        }
        limited(Raw.send("127.0.0.31", "POST", "/api/v1/enrolment", null, badEnrolment),
                "session requests per client address");
        limited(Raw.send("127.0.0.31", "POST", "/api/v1/sessions/refresh", null, "{\"refreshToken\":\"rt.x\"}"),
                "session requests per client address");
        // another address still gets an answer, and commands from the first one have a limit of their own
        assertThat(Raw.send("127.0.0.32", "POST", "/api/v1/enrolment", null, badEnrolment).status()).isEqualTo(401);
        assertThat(command("127.0.0.31", caller()).status()).isEqualTo(400);
    }

    @Test
    void a_refused_request_with_a_body_still_reads_its_429_rather_than_a_reset_connection() {
        String badEnrolment = "{\"token\":\"inv.nope\",\"displayName\":\"Eve\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(Raw.send("127.0.0.41", "POST", "/api/v1/enrolment", null, badEnrolment).status()).isEqualTo(401);
        }
        // a body the server never needs: it reads it before it answers, so the connection ends cleanly
        String large = "{\"refreshToken\":\"rt." + "x".repeat(100_000) + "\"}";
        for (int i = 0; i < 5; i++) {
            limited(Raw.send("127.0.0.41", "POST", "/api/v1/sessions/refresh", null, large),
                    "session requests per client address");
        }
    }

    /** A response read off a socket bound to a chosen loopback address (the JDK's HttpClient cannot choose it). */
    record Raw(int status, Map<String, String> headers, String body) {

        JsonNode json() {
            return Http.JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        static Raw send(String from, String method, String path, String token, String json) {
            int port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (token != null) request.append("Authorization: Bearer ").append(token).append("\r\n");
            if (json != null) {
                request.append("Content-Type: application/json\r\n")
                        .append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(30_000);
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                return parse(socket.getInputStream().readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Raw parse(byte[] bytes) throws IOException {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                rest = dechunk(rest);
            }
            return new Raw(status, headers, new String(rest, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = new java.io.ByteArrayInputStream(chunked);
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) return out.toByteArray();
                    if (c != '\r') size.append((char) c);
                }
                int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
                if (length == 0) return out.toByteArray();
                out.write(in.readNBytes(length));
                in.read();
                in.read();
            }
        }
    }
}
