package io.custody.infra.support;

import io.custody.api.identity.ChangeMemberRoles;
import io.custody.api.identity.FoundOrganisation;
import io.custody.api.identity.MemberId;
import io.custody.api.identity.Role;
import io.custody.api.wallet.OrganisationId;
import io.custody.infra.identity.AccessTokens;
import io.custody.infra.identity.Sessions;
import java.util.EnumSet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The one place integration tests authenticate. An application started for a test data directory enrols, through the
 * real bootstrap enrolment, the administrator of the organisation {@value #ORGANISATION} and gives it every role; the
 * administrator's access token is kept in the data directory, so a restarted (or hard-killed and restarted)
 * application on the same directory is called with the same credentials, as a real client would keep them.
 */
public final class TestIdentity {

    public static final String ORGANISATION = "test-org";
    /** The bootstrap enrolment secret tests start the application with (not a production secret: tests only). */
    public static final String BOOTSTRAP_SECRET = "test-bootstrap-secret-0123456789abcdefghijkl";
    private static final String FILE = "test-identity.txt";

    private TestIdentity() {
    }

    /** Arguments that every test start of the application passes: where identity keys live, the bootstrap secret. */
    public static List<String> arguments(Path dataDir) {
        return List.of("--custody.identity.data-dir=" + dataDir.resolve("identity"),
                "--custody.identity.bootstrap.enrolment-secret=" + BOOTSTRAP_SECRET,
                // tests with restarts and hard kills outlive the default 10 minutes on a busy machine
                "--custody.identity.access-token-lifetime=PT3H",
                // every test and benchmark calls from 127.0.0.1, mostly as one administrator, hundreds of requests a
                // second: the rate limits stay on (their cost is part of what is measured) but far out of reach.
                // RateLimitsIntegrationTest sets its own small ones (RunningApplication keeps the later value).
                "--custody.rate-limit.session.per-ip.capacity=1000000",
                "--custody.rate-limit.session.per-ip.per-second=1000000",
                "--custody.rate-limit.session.per-caller.capacity=1000000",
                "--custody.rate-limit.session.per-caller.per-second=1000000",
                "--custody.rate-limit.commands.per-ip.capacity=1000000",
                "--custody.rate-limit.commands.per-ip.per-second=1000000",
                "--custody.rate-limit.commands.per-caller.capacity=1000000",
                "--custody.rate-limit.commands.per-caller.per-second=1000000");
    }

    /** {@code args} followed by {@link #arguments(Path)}: for an application started in a child JVM. */
    public static String[] withArguments(Path dataDir, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(arguments(dataDir));
        return all.toArray(String[]::new);
    }

    /** An HTTP client of the application at {@code baseUrl} acting as the test organisation's administrator. */
    public static synchronized Http http(String baseUrl, Path dataDir) {
        return new Http(baseUrl).withToken(adminToken(baseUrl, dataDir));
    }

    /**
     * Founds another organisation in the running application and returns a client acting as its administrator with
     * every role. Organisations other than the first have no enrolment of their own yet, so the test founds it the way
     * the bootstrap enrolment does, through the command bus, and opens the session directly.
     */
    public static Http newOrganisation(RunningApplication app, String slug) {
        MemberId admin = MemberId.random();
        OrganisationId organisation = new OrganisationId(slug);
        CommandGateway commands = app.context().getBean(CommandGateway.class);
        commands.sendAndWait(new FoundOrganisation(organisation, "Organisation " + slug, admin, "Admin of " + slug));
        commands.sendAndWait(new ChangeMemberRoles(organisation, admin, EnumSet.allOf(Role.class)));
        Sessions.Opened session = app.context().getBean(Sessions.class)
                .open(admin.toString(), slug, "test-session", "127.0.0.1", "tests");
        String token = app.context().getBean(AccessTokens.class)
                .issue(admin.toString(), slug, session.session().toString(), "test-session");
        return new Http(app.baseUrl()).withToken(token);
    }

    /** The administrator's access token, enrolling it on first use of {@code dataDir}. */
    public static synchronized String adminToken(String baseUrl, Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Http anonymous = new Http(baseUrl);
            Http.Response enrolled = anonymous.post("/api/v1/enrolment", """
                    {"token":"boot.%s","organisation":"%s","organisationName":"Test organisation",
                     "displayName":"Test administrator"}""".formatted(BOOTSTRAP_SECRET, ORGANISATION));
            if (enrolled.status() != 201) {
                throw new IllegalStateException("bootstrap enrolment failed: " + enrolled.status() + " " + enrolled.body());
            }
            JsonNode session = enrolled.json();
            String token = session.get("access_token").asString();
            Http admin = anonymous.withToken(token);
            Http.Response roles = admin.put("/api/v1/organisation/members/" + session.get("member_id").asString()
                    + "/roles", "{\"roles\":[\"ORG_ADMIN\",\"SIGNER\",\"VIEWER\",\"COMPLIANCE_OFFICER\"]}");
            if (roles.status() != 204) {
                throw new IllegalStateException("granting roles failed: " + roles.status() + " " + roles.body());
            }
            Files.createDirectories(dataDir);
            Files.writeString(file, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
