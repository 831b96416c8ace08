package io.custody.audit.tool;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code audit-tool}: the compliance officer's command line over the event store. Every command that touches the
 * database opens it read-only ({@link DatabaseOptions}); none writes anything there.
 */
@Command(name = "audit-tool", mixinStandardHelpOptions = true, version = "audit-tool 0.1.0",
        description = "Verify the custody audit log against the event store, export and check offline proofs, and "
                + "report wallet histories.",
        subcommands = {VerifyCommand.class, ProveCommand.class, CheckProofCommand.class, TimelineCommand.class,
                StateCommand.class, BenchVerifyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:consistent / proof verified", "1:divergence found / proof does not verify",
                "2:invalid command line", "3:database or file unavailable", "4:not found"})
public final class AuditTool {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the tool's exit codes for usage errors and failures. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AuditTool());
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.UNAVAILABLE);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            // what remains after the commands' own outcomes: an unreachable database, an unreadable file
            return ExitCodes.UNAVAILABLE;
        });
        return commandLine;
    }
}
