package io.custody.mpc.node;

import io.custody.mpc.ecdsa.round.MessageSignatures;
import io.custody.mpc.session.PartyStateMachine;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.session.Step;
import io.custody.mpc.storage.EncryptedShareStore;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Turns an honest protocol factory into a misbehaving node for drills: rewrite what the node's machine sends (and sign
 * the rewrite with the node's own key, as a malicious node would), or lose messages on their way into the machine.
 */
final class Tampering {

    private Tampering() {
    }

    /** A factory that delegates to {@code honest} and lets {@code wrap} replace the session it opened. */
    static ProtocolFactory factory(ProtocolFactory honest,
                                   BiFunction<SessionRequest, Opened, NodeSession<?>> wrap) {
        return new ProtocolFactory() {
            @Override
            public String protocol() {
                return honest.protocol();
            }

            @Override
            public NodeSession<?> open(SessionRequest request, int party, EncryptedShareStore store, SecureRandom random) {
                throw new UnsupportedOperationException();
            }

            @Override
            public NodeSession<?> open(SessionRequest request, int party, NodeContext node, SecureRandom random) {
                return wrap.apply(request, new Opened(honest.open(request, party, node, random), node));
            }

            @Override
            public void attach(NodeContext node) {
                honest.attach(node);
            }

            @Override
            public void close() {
                honest.close();
            }
        };
    }

    /** The honest session and the node it runs at. */
    record Opened(NodeSession<?> session, NodeContext node) {
    }

    /** The message with its protocol payload changed by {@code change}, signed by {@code node} under {@code context}. */
    static ProtocolMessage resigned(ProtocolMessage signed, UnaryOperator<byte[]> change, NodeContext node,
                                    String context) {
        ProtocolMessage plain = new ProtocolMessage(signed.sessionId(), signed.protocol(), signed.round(),
                signed.from(), signed.to(), change.apply(MessageSignatures.payload(signed)));
        return MessageSignatures.sign(plain, node.messageSigningKey(), context);
    }

    /** Rewrites every outgoing message (first round, later rounds and last messages) with {@code change}. */
    static NodeSession<?> outgoing(NodeSession<?> s, UnaryOperator<ProtocolMessage> change) {
        return outgoingMany(s, m -> List.of(change.apply(m)));
    }

    /** Replaces every outgoing message by what {@code change} makes of it: none, one or several messages. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static NodeSession<?> outgoingMany(NodeSession<?> s,
                                       java.util.function.Function<ProtocolMessage, List<ProtocolMessage>> many) {
        UnaryOperator<List<ProtocolMessage>> changeAll = l -> l.stream().flatMap(m -> many.apply(m).stream()).toList();
        PartyStateMachine inner = s.machine();
        PartyStateMachine bad = new PartyStateMachine() {
            @Override
            public int partyIndex() {
                return inner.partyIndex();
            }

            @Override
            public List<ProtocolMessage> start() {
                return changeAll.apply((List<ProtocolMessage>) inner.start());
            }

            @Override
            public Step receive(ProtocolMessage message) {
                Step step = inner.receive(message);
                if (step instanceof Step.Continue c) {
                    return new Step.Continue<>(changeAll.apply((List<ProtocolMessage>) c.outgoing()));
                }
                if (step instanceof Step.Done d) {
                    return new Step.Done<>(d.result(), changeAll.apply((List<ProtocolMessage>) d.outgoing()));
                }
                return step;
            }
        };
        return new NodeSession(bad, s.onDone(), s.messageProtocol());
    }

    /** Loses every incoming message that {@code lost} selects, as a flaky link would. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static NodeSession<?> losing(NodeSession<?> s, Predicate<ProtocolMessage> lost) {
        PartyStateMachine inner = s.machine();
        PartyStateMachine flaky = new PartyStateMachine() {
            @Override
            public int partyIndex() {
                return inner.partyIndex();
            }

            @Override
            public List<ProtocolMessage> start() {
                return inner.start();
            }

            @Override
            public Step receive(ProtocolMessage message) {
                return lost.test(message) ? new Step.Continue<>(List.of()) : inner.receive(message);
            }
        };
        return new NodeSession(flaky, s.onDone(), s.messageProtocol());
    }
}
