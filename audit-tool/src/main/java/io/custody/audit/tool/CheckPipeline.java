package io.custody.audit.tool;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.record.AuditHasher;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.OrganisationDirectory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Checks rows in leaf order on several threads with the outcome of checking them one by one: rows are checked in
 * batches on worker threads ({@link RecordCheck}), and the outcomes are taken in leaf order on the caller's thread,
 * which alone appends leaves to the tree, learns organisations and stops at the first divergence.
 *
 * <p>One input of a record depends on the records before it: the organisation of a wallet whose event does not name
 * it is the one its earlier records gave (the directory). A worker cannot know that answer, so it assumes the one
 * the stored row claims and notes that it did; when the outcome is taken in order, the assumption is compared with
 * the directory's answer at that point, and a row checked under a wrong assumption is checked again with the true
 * directory. A forged organisation in a stored row therefore gains nothing: it is checked against what the records
 * before it say, as when rows were checked one by one.
 */
final class CheckPipeline implements AutoCloseable {

    static final int BATCH = 1_000;

    private final ExecutorService workers;
    private final int maxInFlight;
    private final ThreadLocal<AuditHasher> hashers = ThreadLocal.withInitial(AuditHasher::new);
    private final AuditHasher ownHasher = new AuditHasher();
    private final ArrayDeque<Future<Outcome[]>> inFlight = new ArrayDeque<>();
    private final InMemoryNodeStore nodes = new InMemoryNodeStore();
    private final Map<String, String> organisations = new HashMap<>();
    private final OrganisationDirectory directory = wallet -> Optional.ofNullable(organisations.get(wallet));
    private final LongConsumer progress;
    private List<RecordCheck.Row> filling = new ArrayList<>(BATCH);
    private long consistent;
    private Divergence divergence;

    CheckPipeline(int threads, LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread");
        }
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "verify-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.maxInFlight = 2 * threads;
        this.progress = progress;
    }

    /** Takes the next row in leaf order; returns the first divergence found so far, if any (then stop offering). */
    Divergence offer(RecordCheck.Row row) {
        if (divergence != null) {
            return divergence;
        }
        filling.add(row);
        if (filling.size() == BATCH) {
            submit();
            while (inFlight.size() > maxInFlight && divergence == null) {
                take();
            }
        }
        return divergence;
    }

    /** Checks every row offered; returns the first divergence, if any. */
    Divergence drain() {
        if (divergence == null && !filling.isEmpty()) {
            submit();
        }
        while (!inFlight.isEmpty() && divergence == null) {
            take();
        }
        return divergence;
    }

    /** The number of rows found consistent, in leaf order, before the first divergence. */
    long consistent() {
        return consistent;
    }

    /** The tree of the consistent rows' leaves. */
    InMemoryNodeStore nodes() {
        return nodes;
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        workers.shutdownNow();
    }

    /** A row checked by a worker, and the organisation it assumed, if it asked for one. */
    private record Outcome(RecordCheck.Row row, RecordCheck.Check check, Assumption assumption) {
    }

    /** The directory a worker gives a row: the organisation the stored row claims, noting the question. */
    private static final class Assumption implements OrganisationDirectory {
        private final String claimed;
        private String askedFor;

        Assumption(String claimed) {
            this.claimed = claimed;
        }

        @Override
        public Optional<String> organisationOf(String walletId) {
            askedFor = Objects.requireNonNull(walletId);
            return Optional.ofNullable(claimed);
        }
    }

    private void submit() {
        List<RecordCheck.Row> batch = filling;
        filling = new ArrayList<>(BATCH);
        inFlight.add(workers.submit(() -> {
            AuditHasher hasher = hashers.get();
            Outcome[] outcomes = new Outcome[batch.size()];
            for (int i = 0; i < outcomes.length; i++) {
                RecordCheck.Row row = batch.get(i);
                Assumption assumption = new Assumption(row.stored().organisationId());
                outcomes[i] = new Outcome(row, RecordCheck.check(row, assumption, hasher), assumption);
            }
            return outcomes;
        }));
    }

    private void take() {
        Outcome[] outcomes;
        try {
            outcomes = inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking records", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        for (Outcome outcome : outcomes) {
            RecordCheck.Check check = outcome.check();
            String asked = outcome.assumption().askedFor;
            if (asked != null && !Objects.equals(organisations.get(asked), outcome.assumption().claimed)) {
                check = RecordCheck.check(outcome.row(), directory, ownHasher);
            }
            if (check.divergence() != null) {
                divergence = check.divergence();
                return;
            }
            nodes.append(check.leaf());
            AuditRecord expected = check.expected();
            if (expected.walletId() != null && expected.organisationId() != null) {
                organisations.putIfAbsent(expected.walletId(), expected.organisationId());
            }
            consistent++;
        }
        progress.accept(consistent);
    }
}
