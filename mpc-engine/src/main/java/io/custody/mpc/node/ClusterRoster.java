package io.custody.mpc.node;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Who is who in the cluster: every node's endpoint and public keys, and the callers (coordinators) allowed to start
 * sessions. Each node trusts only this file, never what a coordinator claims about a peer. Stored as a properties
 * file: {@code node.<id>.url}, {@code node.<id>.sign}, {@code node.<id>.kx}, {@code caller.<id>.sign}.
 */
public final class ClusterRoster {

    public record Member(NodeId id, URI endpoint, PeerKeys keys) {
    }

    private final Map<NodeId, Member> nodes;
    private final Map<String, byte[]> callers;

    public ClusterRoster(Map<NodeId, Member> nodes, Map<String, byte[]> callers) {
        Map<NodeId, Member> sorted = new TreeMap<>(java.util.Comparator.comparing(NodeId::value));
        sorted.putAll(nodes);
        this.nodes = Collections.unmodifiableMap(sorted);
        Map<String, byte[]> c = new TreeMap<>();
        callers.forEach((k, v) -> c.put(k, v.clone()));
        this.callers = Collections.unmodifiableMap(c);
    }

    public Map<NodeId, Member> nodes() {
        return nodes;
    }

    public Optional<Member> node(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public Optional<byte[]> callerKey(String callerId) {
        return Optional.ofNullable(callers.get(callerId)).map(byte[]::clone);
    }

    public ClusterRoster withEndpoint(NodeId id, URI endpoint) {
        Map<NodeId, Member> copy = new java.util.HashMap<>(nodes);
        Member m = nodes.get(id);
        copy.put(id, new Member(id, endpoint, m.keys()));
        return new ClusterRoster(copy, callers);
    }

    public void write(Writer out) throws IOException {
        Properties p = new Properties();
        Base64.Encoder b64 = Base64.getEncoder();
        nodes.values().forEach(m -> {
            p.setProperty("node." + m.id() + ".url", String.valueOf(m.endpoint()));
            p.setProperty("node." + m.id() + ".sign", b64.encodeToString(m.keys().signing()));
            p.setProperty("node." + m.id() + ".kx", b64.encodeToString(m.keys().agreement()));
        });
        callers.forEach((id, key) -> p.setProperty("caller." + id + ".sign", b64.encodeToString(key)));
        p.store(out, "MPC cluster roster");
    }

    public static ClusterRoster read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Base64.Decoder b64 = Base64.getDecoder();
        Map<NodeId, Member> nodes = new TreeMap<>(java.util.Comparator.comparing(NodeId::value));
        Map<String, byte[]> callers = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals("node") && parts[2].equals("url")) {
                NodeId id = new NodeId(parts[1]);
                nodes.put(id, new Member(id, URI.create(p.getProperty(key)),
                        new PeerKeys(b64.decode(p.getProperty("node." + id + ".sign")),
                                b64.decode(p.getProperty("node." + id + ".kx")))));
            } else if (parts.length == 3 && parts[0].equals("caller") && parts[2].equals("sign")) {
                callers.put(parts[1], b64.decode(p.getProperty(key)));
            }
        }
        return new ClusterRoster(nodes, callers);
    }
}
