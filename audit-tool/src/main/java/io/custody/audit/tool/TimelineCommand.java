package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "A wallet's history as a readable report: who created and changed it, who proposed, who "
                + "approved with which signature, when a withdrawal executed and with which transaction.")
final class TimelineCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Mixin
    EventSourceOptions source;

    @Option(names = "--wallet", required = true, description = "the custody wallet's id")
    String wallet;

    @Option(names = "--json", description = "machine-readable output (one JSON array of records)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<AuditRecord> history;
        history = EventHistory.read(source, database, wallet, null);
        PrintWriter out = spec.commandLine().getOut();
        if (history.isEmpty()) {
            spec.commandLine().getErr().println("error: no events of wallet " + wallet);
            return ExitCodes.NOT_FOUND;
        }
        if (json) {
            out.println(Json.write(history.stream().map(AuditRecord::fields).toList()));
        } else {
            out.println("Timeline of wallet " + wallet + " (" + history.get(0).organisationId() + ")");
            for (AuditRecord r : history) {
                out.printf("%-26s %-27s %-10s %s%s%n", r.occurredAt(), r.eventType(), r.targetType(),
                        summary(r), r.actor() == null ? "" : "  by " + r.actor());
            }
        }
        out.flush();
        return ExitCodes.CONSISTENT;
    }

    /** The facts an officer looks for in each kind of event. */
    static String summary(AuditRecord r) {
        JsonNode d = Json.MAPPER.readTree(r.details());
        return switch (r.eventType()) {
            case "CustodyWalletCreated" -> "\"" + text(d, "name") + "\" signers " + d.get("signers") + " threshold "
                    + text(d, "threshold");
            case "WithdrawalProposed" -> "proposal " + text(d, "proposalId") + ": " + text(d, "amount") + " "
                    + text(d, "token") + " to " + value(d.get("to")) + ", " + text(d, "requiredApprovals")
                    + " approvals needed";
            case "ProposalApproved", "ProposalRejectionCast" -> "proposal " + text(d, "proposalId") + " signature "
                    + scheme(d.get("signature"));
            case "WithdrawalCompleted", "WithdrawalSettled" -> "proposal " + text(d, "proposalId") + " transaction "
                    + text(d, "transactionHash");
            case "DepositCredited", "DepositConfirmed", "IncomingDepositSeen", "DepositRetracted", "DepositReversed",
                 "WithdrawalReserved", "ReservationReleased" ->
                    text(d, "amount") + " " + text(d, "token");
            default -> r.targetId() == null ? "" : r.targetType().toLowerCase() + " " + r.targetId();
        };
    }

    private static String scheme(JsonNode signature) {
        if (signature == null || !signature.isObject()) {
            return "?";
        }
        StringBuilder text = new StringBuilder();
        signature.properties().forEach(e -> {
            if (!e.getValue().isString() || e.getValue().asString().length() <= 24) {
                text.append(e.getKey()).append('=').append(value(e.getValue())).append(' ');
            }
        });
        return text.toString().trim();
    }

    private static String text(JsonNode node, String field) {
        return node == null || node.get(field) == null ? "?" : value(node.get(field));
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "?";
        }
        if (node.isObject() && node.has("value")) {
            return value(node.get("value"));
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
