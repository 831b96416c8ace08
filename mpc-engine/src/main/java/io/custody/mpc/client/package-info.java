/**
 * The asynchronous client the workflow sagas call to use the MPC cluster: key generation (threshold ECDSA on
 * secp256k1 or FROST Ed25519), refresh, presigning, signing a message (never a caller's digest) along a derivation
 * path, and public key lookups, each returning a {@link java.util.concurrent.CompletableFuture}. Failures are
 * {@link io.custody.mpc.client.MpcClientException}s, a sealed hierarchy with a stable
 * {@link io.custody.mpc.client.MpcErrorCode}. Every call that changes something carries an
 * {@link io.custody.mpc.client.IdempotencyKey}: a retry with the same key and payload gets the first call's result from
 * a durable journal, a retry with another payload is refused (docs/adr/mpc-001).
 *
 * <p>The API types here use only the JDK, so a saga module depends on this package and nothing of the node server
 * code; {@link io.custody.mpc.client.ClusterMpcClient} is the implementation over the node package's coordinator,
 * built by the application's wiring.
 */
package io.custody.mpc.client;
