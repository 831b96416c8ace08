package io.custody.infra.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custody.api.deposit.ConfirmDeposit;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import io.custody.infra.support.SignerKeys;
import io.custody.infra.support.TestWallets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The approval console in a real browser: headless Debian Chromium, driven by playwright-core
 * ({@code src/test/browser/console.e2e.mjs}) with a CDP virtual authenticator (CTAP2, internal, resident key, user
 * verification). A member invited as a signer enrols in the console, registers a passkey, logs out, logs in without a
 * user name, and approves a proposal with the passkey; the proposal, already approved by a key signer, is READY, and
 * the approval on record is the passkey's. CI installs Chromium ({@code .ci/run}); where it is missing the test says so
 * and is skipped.
 */
class ApprovalConsoleInABrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("src/test/browser");
    static final SignerKeys.Evm ALICE = SignerKeys.Evm.of(41);

    @TempDir
    Path dataDir;

    @Test
    void a_signer_enrols_registers_a_passkey_logs_in_without_a_user_name_and_approves_to_ready() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (CI installs it)");
        installDriver();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // WebAuthn needs a secure context: http://localhost is one, so the relying party is localhost
        String origin = "http://localhost:" + port;
        try (RunningApplication app = RunningApplication.start(dataDir, "--server.port=" + port,
                "--custody.identity.passkey.rp-id=localhost", "--custody.identity.passkey.origins=" + origin)) {
            Http admin = app.http();
            Http.Response invited = admin.post("/api/v1/organisation/invitations", "{\"roles\":[\"SIGNER\",\"VIEWER\"]}");
            assertThat(invited.status()).as(invited.body()).isEqualTo(201);

            Process browser = new ProcessBuilder("node", "console.e2e.mjs", origin,
                    invited.json().get("enrolmentToken").asString(), CHROMIUM.toString())
                    .directory(DRIVER.toFile()).redirectError(dataDir.resolve("browser.err").toFile()).start();
            try {
                BlockingQueue<String> out = lines(browser);
                Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);
                JsonNode registered = until(out, "signer");
                String signer = registered.get("signer").asString();
                assertThat(signer).startsWith("passkey:");
                assertThat(registered.get("residentCredentials").asInt()).isEqualTo(1);

                String walletId = wallet(app, admin, signer);
                String proposalId = UUID.randomUUID().toString();
                Http.Response proposed = Proposals.proposeLocal(admin, walletId, ALICE, ALICE.address(), proposalId,
                        "0x" + "cd".repeat(20), 25_000, Instant.now().plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS));
                assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
                String proposal = "/api/v1/wallets/" + walletId + "/proposals/" + proposalId;
                String typedData = Proposals.approvalTypedData(admin, walletId, proposalId);
                Http.Response byKey = admin.post(proposal + "/approvals", "{\"signer\":\"" + ALICE.address()
                        + "\",\"signature\":\"" + ALICE.signTypedData(typedData) + "\"}");
                assertThat(byKey.status()).as(byKey.body()).isEqualTo(204);
                // the console lists PENDING proposals from the read model: hand it over once it shows the key's vote
                await().atMost(Duration.ofMinutes(1)).until(() -> {
                    Http.Response read = admin.get(proposal);
                    return read.status() == 200 && read.json().get("approvals").size() == 1;
                });
                in.write("{\"walletId\":\"" + walletId + "\",\"proposalId\":\"" + proposalId + "\"}\n");
                in.flush();

                assertThat(until(out, "Logged in").get("step").asString()).isEqualTo("Logged in");
                assertThat(until(out, "who").get("who").asString()).contains(io.custody.infra.support.TestIdentity.ORGANISATION);
                assertThat(until(out, "shown").get("text").asString()).contains("25000");
                until(out, "Approved");
                assertThat(browser.waitFor(1, TimeUnit.MINUTES)).isTrue();
                assertThat(browser.exitValue()).isZero();

                await().atMost(Duration.ofMinutes(1)).until(() -> "READY".equals(admin.get(proposal).json()
                        .get("status").asString()));
                JsonNode approvals = admin.get(proposal).json().get("approvals");
                assertThat(approvals.size()).isEqualTo(2);
                assertThat(approvals.toString()).contains(signer).contains(ALICE.address());
            } catch (AssertionError | RuntimeException e) {
                Path err = dataDir.resolve("browser.err");
                e.addSuppressed(new AssertionError("the browser driver's stderr:\n"
                        + (Files.exists(err) ? Files.readString(err) : "(none)")));
                throw e;
            } finally {
                browser.destroyForcibly();
            }
        }
    }

    /** An active, funded 2-of-2 wallet: Alice's EVM key and the browser's passkey. */
    private static String wallet(RunningApplication app, Http admin, String passkeySigner) {
        Http.Response created = admin.post("/api/v1/wallets", """
                {"name":"Console vault","signers":["%s","%s"],"threshold":2,"chainFamily":"EVM"}"""
                .formatted(ALICE.address(), passkeySigner));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String walletId = created.json().get("walletId").asString();
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        TestWallets.activate(commands, WalletId.parse(walletId));
        commands.sendAndWait(new ConfirmDeposit(WalletId.parse(walletId), new DepositId("0xconsole:" + UUID.randomUUID()),
                new TokenId("USDC"), Amount.of(1_000_000)));
        return walletId;
    }

    /** {@code npm ci} of the driver's pinned playwright-core, once per checkout. */
    private static void installDriver() throws IOException, InterruptedException {
        if (Files.isDirectory(DRIVER.resolve("node_modules/playwright-core"))) {
            return;
        }
        // Never inherit this test JVM's standard streams: Node sets an inherited stdin non-blocking, and this JVM's
        // stdin is the build tool's command channel to it, whose next read then fails (EAGAIN) and ends the run.
        Path log = Files.createTempFile("npm-ci-", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DRIVER.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        npm.getOutputStream().close();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci:\n%s", Files.readString(log)).isZero();
    }

    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("browser: " + line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended; the waiting side times out with what it saw
            }
        }, "browser-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The next {@code {"step": step}} line the driver prints, within three minutes. */
    private static JsonNode until(BlockingQueue<String> lines, String step) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("{")) {
                continue;
            }
            seen.add(line);
            JsonNode json = Http.JSON.readTree(line);
            if (step.equals(json.get("step").asString())) {
                return json;
            }
        }
        throw new AssertionError("the browser never reported \"" + step + "\"; it reported " + seen);
    }
}
