package io.custody.mpc.frost;

import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import io.custody.mpc.ecdsa.fixtures.TestIdentities;
import io.custody.mpc.ecdsa.round.MessageSignatures;

/**
 * Runs a set of party state machines in one thread, delivering every message to its recipients, with an optional
 * adversary that may rewrite any message on the way to one recipient (the hook malicious-party tests use). The
 * adversary sees each message without its signature, and whatever it changes is signed again with the sender's test
 * identity ({@link TestIdentities}): it plays a malicious sender, which signs its own lies. A broadcast rewritten for
 * one recipient only is therefore a signed equivocation. {@link #runOnWire} plays a network attacker without keys.
 */
public final class LocalRun {

    public interface Adversary {
        /** Returns the message {@code recipient} should receive instead of {@code m}, or {@code m} itself. */
        ProtocolMessage tamper(ProtocolMessage m, int recipient);
    }

    public static <R> Map<Integer, Step<R>> run(List<? extends PartyStateMachine<R>> parties) {
        return run(parties, (m, r) -> m);
    }

    public static <R> Map<Integer, Step<R>> run(List<? extends PartyStateMachine<R>> parties, Adversary adversary) {
        return runOnWire(parties, (signed, r) -> {
            ProtocolMessage plain = unsigned(signed);
            ProtocolMessage changed = adversary.tamper(plain, r);
            return changed.equals(plain) ? signed : MessageSignatures.sign(changed,
                    TestIdentities.privateKey(changed.from()), MessageSignatures.FROST_CONTEXT);
        });
    }

    /** The message without its trailing signature, as the protocol wrote it. */
    public static ProtocolMessage unsigned(ProtocolMessage signed) {
        return withPayload(signed, MessageSignatures.payload(signed));
    }

    /** As {@link #run(List, Adversary)}, the adversary rewriting signed messages as they are: it holds no key. */
    public static <R> Map<Integer, Step<R>> runOnWire(List<? extends PartyStateMachine<R>> parties, Adversary adversary) {
        Map<Integer, PartyStateMachine<R>> byIndex = new TreeMap<>();
        parties.forEach(p -> byIndex.put(p.partyIndex(), p));
        Map<Integer, Step<R>> outcome = new TreeMap<>();
        Deque<ProtocolMessage> queue = new ArrayDeque<>();
        parties.forEach(p -> queue.addAll(p.start()));
        while (!queue.isEmpty()) {
            ProtocolMessage m = queue.poll();
            List<Integer> recipients = new ArrayList<>();
            if (m.isBroadcast()) {
                byIndex.keySet().stream().filter(i -> i != m.from()).forEach(recipients::add);
            } else {
                recipients.add(m.to());
            }
            for (int r : recipients) {
                if (outcome.get(r) != null && !(outcome.get(r) instanceof Step.Continue)) {
                    continue;
                }
                Step<R> step = byIndex.get(r).receive(adversary.tamper(m, r));
                if (step instanceof Step.Continue<R> c) {
                    queue.addAll(c.outgoing());
                } else if (step instanceof Step.Done<R> d) {
                    queue.addAll(d.outgoing());
                    outcome.put(r, step);
                } else {
                    outcome.put(r, step);
                }
            }
        }
        return outcome;
    }

    static ProtocolMessage withPayload(ProtocolMessage m, byte[] payload) {
        return new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), payload);
    }

    static UnaryOperator<byte[]> flipByte(int index) {
        return p -> {
            byte[] c = p.clone();
            c[index] ^= 0x01;
            return c;
        };
    }
}
