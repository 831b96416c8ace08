/**
 * The MPC node service and the coordinator client.
 *
 * <p>Owns: a node's identity (Ed25519 signing key, X25519 key-agreement key), the cluster roster of peer and caller
 * public keys, the sealed envelope that carries protocol messages between nodes (signed by the sending node,
 * point-to-point payloads encrypted end to end with X25519 + HKDF + AES-256-GCM), the registry of protocol factories
 * by which a node runs any {@link io.custody.mpc.session.PartyStateMachine} by name (FROST, and threshold ECDSA
 * through {@link io.custody.mpc.node.EcdsaProtocolFactory} with its per-node safe-prime pool and in-memory
 * presignatures), the node's HTTP endpoint (JDK HttpServer, signed requests, unknown callers refused), and the {@link
 * io.custody.mpc.node.Coordinator} that starts sessions, relays round messages it cannot read or forge, picks t healthy
 * nodes and fails fast when fewer are up ({@link io.custody.mpc.node.EcdsaCoordinator} is its typed ECDSA facade).
 * See ADRs frost-002, frost-004 and ecdsa-006.
 */
package io.custody.mpc.node;
