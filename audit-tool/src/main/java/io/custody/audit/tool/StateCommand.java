package io.custody.audit.tool;

import io.custody.audit.record.AuditRecord;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "state", mixinStandardHelpOptions = true,
        description = "The state of a wallet or a proposal as it was at a point in time, folded from the events "
                + "stored up to then.")
final class StateCommand implements Callable<Integer> {

    static final class Target {
        @Option(names = "--wallet", description = "a custody wallet's id")
        String wallet;

        @Option(names = "--proposal", description = "a withdrawal proposal's id")
        String proposal;
    }

    @Mixin
    DatabaseOptions database;

    @Mixin
    EventSourceOptions source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--at", required = true, description = "ISO-8601 instant, e.g. 2026-12-01T12:00:00Z")
    String at;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant until;
        try {
            until = Instant.parse(at);
        } catch (DateTimeParseException e) {
            spec.commandLine().getErr().println("error: --at must be an ISO-8601 instant");
            return ExitCodes.USAGE;
        }
        String id = target.wallet != null ? target.wallet : target.proposal;
        List<AuditRecord> history;
        history = EventHistory.read(source, database, id, until);
        if (target.proposal != null) {
            history = history.stream().filter(r -> "PROPOSAL".equals(r.targetType()) && id.equals(r.targetId()))
                    .toList();
        }
        if (history.isEmpty()) {
            spec.commandLine().getErr().println("error: nothing of " + id + " existed at " + until);
            return ExitCodes.NOT_FOUND;
        }
        Map<String, Object> state = target.wallet != null ? walletState(history) : proposalState(history);
        state.put("asOf", until.toString());
        state.put("events", history.size());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(state));
        } else {
            state.forEach((k, v) -> out.printf("%-22s %s%n", k, v));
        }
        out.flush();
        return ExitCodes.CONSISTENT;
    }

    static Map<String, Object> walletState(List<AuditRecord> history) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<String> signers = new ArrayList<>();
        List<String> whitelist = new ArrayList<>();
        Map<String, BigInteger[]> balances = new TreeMap<>();
        Map<String, Object> limits = new TreeMap<>();
        for (AuditRecord r : history) {
            JsonNode d = Json.MAPPER.readTree(r.details());
            switch (r.eventType()) {
                case "CustodyWalletCreated" -> {
                    s.put("wallet", r.walletId());
                    s.put("organisation", r.organisationId());
                    s.put("name", text(d.get("name")));
                    s.put("status", "ACTIVE");
                    s.put("threshold", text(d.get("threshold")));
                    d.get("signers").forEach(x -> signers.add(text(x)));
                    s.put("withdrawalDelayHours", 0);
                }
                case "CustodyWalletRenamed" -> s.put("name", text(d.get("name")));
                case "WithdrawalDelaySet" -> s.put("withdrawalDelayHours", text(d.get("hours")));
                case "WithdrawalLimitsSet" -> limits.put(text(d.get("token")), d.get("limits").toString());
                case "WhitelistAddressAdded" -> whitelist.add(text(d.get("address")));
                case "WhitelistAddressRemoved" -> whitelist.remove(text(d.get("address")));
                case "WalletStatusChanged" -> s.put("status", text(d.get("to")));
                case "SignerAdded" -> signers.add(text(d.get("signer")));
                case "SignerRemoved" -> signers.remove(text(d.get("signer")));
                case "ThresholdChanged" -> s.put("threshold", text(d.get("to")));
                case "DepositCredited" -> balance(balances, d)[0] = balance(balances, d)[0].add(amount(d));
                case "DepositReversed" -> balance(balances, d)[0] = balance(balances, d)[0].subtract(amount(d));
                case "WithdrawalReserved" -> balance(balances, d)[1] = balance(balances, d)[1].add(amount(d));
                case "ReservationReleased" -> balance(balances, d)[1] = balance(balances, d)[1].subtract(amount(d));
                case "WithdrawalSettled" -> {
                    balance(balances, d)[1] = balance(balances, d)[1].subtract(amount(d));
                    balance(balances, d)[2] = balance(balances, d)[2].add(amount(d));
                }
                default -> {
                    // events of the wallet's proposals, deposits and merchants do not change the wallet's own state
                }
            }
        }
        s.put("signers", signers);
        s.put("whitelist", whitelist);
        s.put("limits", limits);
        Map<String, Object> tokens = new TreeMap<>();
        balances.forEach((token, b) -> tokens.put(token, Map.of("deposited", b[0].toString(), "reserved",
                b[1].toString(), "withdrawn", b[2].toString(), "available",
                b[0].subtract(b[1]).subtract(b[2]).toString())));
        s.put("balances", tokens);
        return s;
    }

    static Map<String, Object> proposalState(List<AuditRecord> history) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<String> approvals = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        for (AuditRecord r : history) {
            JsonNode d = Json.MAPPER.readTree(r.details());
            switch (r.eventType()) {
                case "WithdrawalProposed" -> {
                    s.put("proposal", r.targetId());
                    s.put("wallet", r.walletId());
                    s.put("proposer", r.actor());
                    s.put("amount", text(d.get("amount")));
                    s.put("token", text(d.get("token")));
                    s.put("to", text(d.get("to")));
                    s.put("requiredApprovals", text(d.get("requiredApprovals")));
                    s.put("status", "PENDING");
                }
                case "ProposalApproved" -> approvals.add(r.actor());
                case "ProposalRejectionCast" -> rejections.add(r.actor());
                case "ProposalReady" -> s.put("status", "READY");
                case "WithdrawalDelayElapsed" -> s.put("delayElapsed", true);
                case "ProposalRejected" -> s.put("status", "REJECTED");
                case "ProposalExpired" -> s.put("status", "EXPIRED");
                case "WithdrawalExecutionStarted" -> s.put("status", "EXECUTING");
                case "WithdrawalCompleted" -> {
                    s.put("status", "COMPLETED");
                    s.put("transactionHash", text(d.get("transactionHash")));
                }
                case "WithdrawalFailed" -> {
                    s.put("status", "FAILED");
                    s.put("failure", text(d.get("reason")));
                }
                default -> {
                }
            }
        }
        s.put("approvals", approvals);
        s.put("rejections", rejections);
        return s;
    }

    private static BigInteger[] balance(Map<String, BigInteger[]> balances, JsonNode d) {
        return balances.computeIfAbsent(text(d.get("token")),
                t -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
    }

    private static BigInteger amount(JsonNode d) {
        return new BigInteger(text(d.get("amount")));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() && node.has("value")) {
            return text(node.get("value"));
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
