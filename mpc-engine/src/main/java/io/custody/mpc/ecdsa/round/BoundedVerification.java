package io.custody.mpc.ecdsa.round;

import io.custody.mpc.ecdsa.zk.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Verifies the peers' proofs of one round on the engine's own bounded executor, with a deadline, so a round's proof
 * work never runs on the JVM's shared fork-join pool (where it competed with everything else in the process) and
 * never holds a session for longer than the deadline without naming someone (review finding 3).
 *
 * <p>The executor has at most {@link #THREADS} threads and a bounded queue; a task that does not fit runs on the
 * caller's thread. Every input was size-checked before it got here (exact modulus size, response ranges), so a task's
 * cost is bounded; the deadline is the last line, for a machine so loaded that even bounded work stalls. A task that
 * misses it is cancelled (BigInteger arithmetic does not observe interruption, so the thread finishes its current
 * exponentiation before it is free) and the run aborts naming the first party in ascending order whose verification
 * had not finished, with check {@code verify.deadline}. Failures are reported for the first failing party in ascending
 * order, as if the proofs had been verified one by one.
 *
 * <p>The deadline runs from submission, so time a task spends queued behind other sessions' verifications counts too:
 * on a node saturated by concurrent sessions an honest peer can be named. The default (minutes, against seconds of
 * bounded work per round) is chosen so that only a node far past its capacity gets there, and the check id tells an
 * operator it was the deadline, not a failed proof.
 */
public final class BoundedVerification {

    /** Deadline of one round's verification unless a party is given another one. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), daemonThreads());

    static {
        POOL.allowCoreThreadTimeOut(true);
    }

    private BoundedVerification() {
    }

    /**
     * Runs every party's verification and throws the {@link AbortSignal} of the first party (ascending) whose verdict
     * failed, whose verification threw, or whose verification had not finished by the deadline.
     */
    public static void verifyAll(SortedMap<Integer, Supplier<Verdict>> byParty, Duration deadline) {
        Map<Integer, Future<Verdict>> running = new LinkedHashMap<>();
        for (var e : byParty.entrySet()) {
            try {
                running.put(e.getKey(), POOL.submit(e.getValue()::get));
            } catch (RejectedExecutionException full) {
                running.put(e.getKey(), null); // verified on this thread below, in its turn
            }
        }
        long end = System.nanoTime() + deadline.toNanos();
        List<Future<Verdict>> all = new ArrayList<>();
        running.values().forEach(f -> { if (f != null) all.add(f); });
        try {
            for (var e : running.entrySet()) {
                int party = e.getKey();
                Verdict v;
                if (e.getValue() == null) {
                    v = byParty.get(party).get();
                } else {
                    try {
                        v = e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException late) {
                        throw new AbortSignal(party, "verify.deadline", "verifying party " + party
                                + "'s proofs took longer than " + deadline);
                    } catch (ExecutionException failed) {
                        throw new AbortSignal(party, "verify.error", "verifying party " + party
                                + "'s proofs failed: " + failed.getCause().getClass().getSimpleName());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while verifying the peers' proofs");
                    }
                }
                AbortSignal.require(party, v);
            }
        } finally {
            all.forEach(f -> f.cancel(true));
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ecdsa-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
