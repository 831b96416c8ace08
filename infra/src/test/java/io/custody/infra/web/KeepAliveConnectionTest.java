package io.custody.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.infra.support.RunningApplication;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many requests, one after another, on one HTTP/1.1 keep-alive connection all get their answer. Reactor Netty 1.3.6
 * sometimes stopped reading such a connection after a response, so a later request waited forever (ADR 006); clients
 * that pool connections, like every HTTP library, would see random timeouts.
 */
class KeepAliveConnectionTest {

    @TempDir
    Path dataDir;

    @Test
    void every_request_on_one_keep_alive_connection_is_answered() throws Exception {
        try (RunningApplication app = RunningApplication.start(dataDir)) {
            int port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
            List<String> paths = List.of("/api/v1/wallets/" + UUID.randomUUID(), "/api/v1/wallets/not-a-uuid",
                    "/api/v1/nothing-here", "/actuator/health");
            String token = io.custody.infra.support.TestIdentity.adminToken(app.baseUrl(), dataDir);
            List<Integer> statuses = new ArrayList<>();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (int i = 0; i < 400; i++) {
                    String request = "GET " + paths.get(i % paths.size()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Accept: application/json\r\nAuthorization: Bearer " + token + "\r\n\r\n";
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    statuses.add(readResponse(in));
                }
            }
            assertThat(statuses).hasSize(400).containsOnly(404, 400, 200);
        }
    }

    /** Reads one response with a Content-Length body and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int length = -1;
        boolean chunked = false;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) length = Integer.parseInt(header.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        }
        if (chunked) {
            for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
                 size = Integer.parseInt(readLine(in).trim(), 16)) {
                in.readNBytes(size);
                readLine(in);
            }
            readLine(in);
        } else if (length > 0) {
            in.readNBytes(length);
        }
        return status;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new IOException("connection closed by the server");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
