package io.custody.infra.audit;

import io.custody.audit.tool.AuditTool;
import io.custody.infra.support.Http;
import io.custody.infra.support.RunningApplication;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Runs {@code audit-tool} in this JVM against the running application's database, as the application's own role. */
record AuditToolRun(int exitCode, String out, String err) {

    static AuditToolRun run(RunningApplication app, boolean withDatabase, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AuditTool.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (withDatabase) {
            var environment = app.context().getEnvironment();
            all.add("--db-url=" + environment.getRequiredProperty("spring.datasource.url"));
            all.add("--db-user=" + environment.getRequiredProperty("spring.datasource.username"));
        }
        int code = commandLine.execute(all.toArray(String[]::new));
        return new AuditToolRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        return Http.JSON.readTree(out);
    }
}
