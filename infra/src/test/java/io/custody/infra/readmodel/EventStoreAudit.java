package io.custody.infra.readmodel;

import io.custody.api.EventCatalog;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.api.wallet.WhitelistAddressAdded;
import io.custody.api.wallet.WhitelistAddressRemoved;
import io.custody.api.wallet.WithdrawalDelaySet;
import io.custody.api.withdrawal.ProposalApproved;
import io.custody.api.withdrawal.ProposalExpired;
import io.custody.api.withdrawal.ProposalReady;
import io.custody.api.withdrawal.ProposalRejected;
import io.custody.api.withdrawal.ProposalRejectionCast;
import io.custody.api.withdrawal.ReservationReleased;
import io.custody.api.withdrawal.WithdrawalCompleted;
import io.custody.api.withdrawal.WithdrawalExecutionStarted;
import io.custody.api.withdrawal.WithdrawalFailed;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.withdrawal.WithdrawalSettled;
import io.custody.infra.support.RunningApplication;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the event store says every read model must hold, compared row by row. Each check answers the differences it
 * found as sentences (empty when the read model matches), so a failing test names every missing, duplicated or wrong
 * row at once. The expected state is folded here from the stored events, independently of the projections.
 */
final class EventStoreAudit {

    /** One row of {@code DomainEventEntry}, its payload deserialised as the application wrote it. */
    record Stored(long globalIndex, String aggregateType, String aggregateId, long sequence, String eventId,
                  Object payload) {
    }

    private final List<Stored> events;
    private final JdbcTemplate jdbc;

    private EventStoreAudit(List<Stored> events, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    static EventStoreAudit of(RunningApplication app) {
        Serializer serializer = app.context().getBean("eventSerializer", Serializer.class);
        JdbcTemplate jdbc = app.jdbc();
        List<Stored> events = jdbc.query("""
                        SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, payloadType,
                               payloadRevision, payload
                        FROM DomainEventEntry ORDER BY globalIndex""",
                (rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(8), byte[].class,
                                rs.getString(6), rs.getString(7)))));
        return new EventStoreAudit(events, jdbc);
    }

    List<Stored> events() {
        return events;
    }

    long count(Class<?> type) {
        return events.stream().filter(e -> type.isInstance(e.payload())).count();
    }

    /** Every wallet has its row, with its organisation, its aggregate version and the state its events describe. */
    List<String> walletViewDifferences() {
        record Wallet(String organisation, String name, int threshold, Set<String> signers, String status,
                      int delayHours, Set<String> whitelist, long version) {
        }
        Map<String, Wallet> expected = new TreeMap<>();
        for (Stored e : events) {
            if (!EventCatalog.Stream.WALLET.aggregateType().equals(e.aggregateType())) continue;
            Wallet w = expected.get(e.aggregateId());
            if (e.payload() instanceof CustodyWalletCreated c) {
                w = new Wallet(c.organisation().value(), c.name(), c.threshold().value(),
                        lower(c.signers().stream().map(SignerAddress::value).toList()), "ACTIVE", 0,
                        new LinkedHashSet<>(), e.sequence());
            } else if (w == null) {
                continue;
            } else {
                Set<String> signers = new LinkedHashSet<>(w.signers());
                Set<String> whitelist = new LinkedHashSet<>(w.whitelist());
                String name = w.name();
                int threshold = w.threshold();
                String status = w.status();
                int delay = w.delayHours();
                Object p = e.payload();
                if (p instanceof CustodyWalletRenamed r) name = r.name();
                if (p instanceof ThresholdChanged t) threshold = t.to().value();
                if (p instanceof SignerAdded a) signers.add(a.signer().value().toLowerCase(Locale.ROOT));
                if (p instanceof SignerRemoved r) signers.remove(r.signer().value().toLowerCase(Locale.ROOT));
                if (p instanceof WalletStatusChanged c) status = c.to().name();
                if (p instanceof WithdrawalDelaySet d) delay = d.hours();
                if (p instanceof WhitelistAddressAdded a) whitelist.add(a.address().canonical());
                if (p instanceof WhitelistAddressRemoved r) whitelist.remove(r.address().canonical());
                w = new Wallet(w.organisation(), name, threshold, signers, status, delay, whitelist, e.sequence());
            }
            expected.put(e.aggregateId(), w);
        }
        Map<String, Wallet> actual = new TreeMap<>();
        jdbc.query("SELECT * FROM wallet_view", rs -> {
            actual.put(rs.getString("wallet_id"), new Wallet(rs.getString("organisation_id"), rs.getString("name"),
                    rs.getInt("threshold"), lower(List.of((String[]) rs.getArray("signers").getArray())),
                    rs.getString("wallet_status"), rs.getInt("withdrawal_delay_hours"),
                    new LinkedHashSet<>(List.of((String[]) rs.getArray("whitelist").getArray())),
                    rs.getLong("version")));
        });
        return differences("wallet_view", expected, actual);
    }

    /** Every event of a wallet's history is in {@code wallet_event_log} exactly once, and nothing else is. */
    List<String> eventLogDifferences() {
        record Entry(String walletId, String organisation, String type, String eventId) {
        }
        Map<String, String> organisationOfWallet = new HashMap<>();
        Map<String, Entry> expected = new TreeMap<>();
        for (Stored e : events) {
            if (e.payload() instanceof CustodyWalletCreated c) {
                organisationOfWallet.put(c.walletId().toString(), c.organisation().value());
            }
            EventCatalog.Entry<?> entry = EventCatalog.of(e.payload().getClass()).orElseThrow();
            if (!entry.stream().inWalletHistory()) continue;
            String wallet = entry.walletOf(e.payload()).toString();
            expected.put(e.aggregateId() + "#" + e.sequence(),
                    new Entry(wallet, organisationOfWallet.get(wallet), entry.name(), e.eventId()));
        }
        List<String> differences = new ArrayList<>();
        Map<String, Entry> actual = new TreeMap<>();
        Map<String, List<Long>> sequencesInPositionOrder = new HashMap<>();
        jdbc.query("SELECT * FROM wallet_event_log ORDER BY position", rs -> {
            String key = rs.getString("aggregate_id") + "#" + rs.getLong("sequence_number");
            Entry previous = actual.put(key, new Entry(rs.getString("wallet_id"), rs.getString("organisation_id"),
                    rs.getString("event_type"), rs.getString("event_id")));
            if (previous != null) differences.add("wallet_event_log holds " + key + " twice");
            sequencesInPositionOrder.computeIfAbsent(rs.getString("aggregate_id"), k -> new ArrayList<>())
                    .add(rs.getLong("sequence_number"));
        });
        sequencesInPositionOrder.forEach((aggregate, sequences) -> {
            if (!sequences.equals(sequences.stream().sorted().toList())) {
                differences.add("wallet_event_log positions of " + aggregate + " are not in stream order: " + sequences);
            }
        });
        differences.addAll(differences("wallet_event_log", expected, actual));
        return differences;
    }

    /** Balances per wallet and token equal the sums of the wallet streams' balance events. */
    List<String> balanceDifferences() {
        record Balance(BigDecimal deposited, BigDecimal reserved, BigDecimal withdrawn, String organisation) {
        }
        Map<String, String> organisationOfWallet = new HashMap<>();
        Map<String, BigInteger[]> sums = new TreeMap<>();
        for (Stored e : events) {
            if (e.payload() instanceof CustodyWalletCreated c) {
                organisationOfWallet.put(c.walletId().toString(), c.organisation().value());
            }
            Object p = e.payload();
            if (p instanceof DepositCredited d) add(sums, d.walletId() + "/" + d.token(), 0, d.amount().value());
            if (p instanceof WithdrawalReserved r) add(sums, r.walletId() + "/" + r.token(), 1, r.amount().value());
            if (p instanceof ReservationReleased r) {
                add(sums, r.walletId() + "/" + r.token(), 1, r.amount().value().negate());
            }
            if (p instanceof WithdrawalSettled t) {
                add(sums, t.walletId() + "/" + t.token(), 1, t.amount().value().negate());
                add(sums, t.walletId() + "/" + t.token(), 2, t.amount().value());
            }
        }
        Map<String, Balance> expected = new TreeMap<>();
        sums.forEach((key, s) -> expected.put(key, new Balance(new BigDecimal(s[0]), new BigDecimal(s[1]),
                new BigDecimal(s[2]), organisationOfWallet.get(key.substring(0, key.indexOf('/'))))));
        Map<String, Balance> actual = new TreeMap<>();
        jdbc.query("SELECT * FROM balance_view", rs -> {
            actual.put(rs.getString("wallet_id") + "/" + rs.getString("token"), new Balance(rs.getBigDecimal("deposited"),
                    rs.getBigDecimal("reserved"), rs.getBigDecimal("withdrawn"), rs.getString("organisation_id")));
        });
        return differences("balance_view", expected, actual);
    }

    /** Every proposal has its row with the status, votes and version of its own stream. */
    List<String> proposalDifferences() {
        record Proposal(String walletId, String organisation, String status, long approvals, long rejections,
                        long version) {
        }
        Map<String, Proposal> expected = new TreeMap<>();
        for (Stored e : events) {
            if (!EventCatalog.Stream.PROPOSAL.aggregateType().equals(e.aggregateType())) continue;
            Proposal p = expected.get(e.aggregateId());
            if (e.payload() instanceof WithdrawalProposed w) {
                expected.put(e.aggregateId(), new Proposal(w.walletId().toString(), w.organisation().value(),
                        "PENDING", 0, 0, e.sequence()));
                continue;
            }
            if (p == null) continue;
            Object payload = e.payload();
            String status = payload instanceof ProposalReady ? "READY"
                    : payload instanceof ProposalRejected ? "REJECTED"
                    : payload instanceof ProposalExpired ? "EXPIRED"
                    : payload instanceof WithdrawalExecutionStarted ? "EXECUTING"
                    : payload instanceof WithdrawalCompleted ? "COMPLETED"
                    : payload instanceof WithdrawalFailed ? "FAILED"
                    : p.status();
            long approvals = p.approvals() + (e.payload() instanceof ProposalApproved ? 1 : 0);
            long rejections = p.rejections() + (e.payload() instanceof ProposalRejectionCast ? 1 : 0);
            expected.put(e.aggregateId(), new Proposal(p.walletId(), p.organisation(), status, approvals, rejections,
                    e.sequence()));
        }
        Map<String, Proposal> actual = new TreeMap<>();
        jdbc.query("""
                SELECT p.*, (SELECT count(*) FROM proposal_vote_view v
                             WHERE v.proposal_id = p.proposal_id AND v.decision = 'APPROVE') AS approvals,
                            (SELECT count(*) FROM proposal_vote_view v
                             WHERE v.proposal_id = p.proposal_id AND v.decision = 'REJECT') AS rejections
                FROM proposal_view p""", rs -> {
            actual.put(rs.getString("proposal_id"), new Proposal(rs.getString("wallet_id"),
                    rs.getString("organisation_id"), rs.getString("status"), rs.getLong("approvals"),
                    rs.getLong("rejections"), rs.getLong("version")));
        });
        return differences("proposal_view", expected, actual);
    }

    /** Rows of read model tables that do not say which organisation they belong to. */
    List<String> rowsWithoutOrganisation() {
        List<String> differences = new ArrayList<>();
        for (String table : List.of("wallet_view", "wallet_token_limits", "wallet_event_log", "balance_wallet",
                "balance_view", "proposal_view", "proposal_vote_view", "escrow_wallet")) {
            long missing = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE organisation_id IS NULL",
                    Long.class);
            if (missing > 0) differences.add(table + " has " + missing + " rows without organisation_id");
        }
        long escrow = jdbc.queryForObject("""
                SELECT count(*) FROM escrow_transaction_view
                WHERE custody_wallet_id IS NOT NULL AND organisation_id IS NULL""", Long.class);
        if (escrow > 0) differences.add("escrow_transaction_view has " + escrow + " custody rows without organisation_id");
        return differences;
    }

    private static void add(Map<String, BigInteger[]> sums, String key, int column, BigInteger amount) {
        sums.computeIfAbsent(key, k -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO})[column] =
                sums.get(key)[column].add(amount);
    }

    private static Set<String> lower(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        values.forEach(v -> set.add(v.toLowerCase(Locale.ROOT)));
        return set;
    }

    private static <V> List<String> differences(String table, Map<String, V> expected, Map<String, V> actual) {
        List<String> differences = new ArrayList<>();
        expected.forEach((key, value) -> {
            V row = actual.get(key);
            if (row == null) {
                differences.add(table + " misses " + key + ": expected " + value);
            } else if (!same(value, row)) {
                differences.add(table + " row " + key + " is " + row + ", expected " + value);
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key))
                .forEach(key -> differences.add(table + " holds " + key + " which no event explains"));
        return differences;
    }

    /** Records compare by value; decimals by numeric value, whatever their scale. */
    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Record && actual instanceof Record) {
            var components = expected.getClass().getRecordComponents();
            for (var component : components) {
                try {
                    Object a = component.getAccessor().invoke(expected);
                    Object b = component.getAccessor().invoke(actual);
                    if (a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) != 0
                            : !Objects.equals(a, b)) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        }
        return Objects.equals(expected, actual);
    }
}
