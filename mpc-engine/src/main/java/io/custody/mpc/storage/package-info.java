/**
 * Key shares at rest: each node keeps its shares in its own directory, encrypted with AES-256-GCM under a
 * key-encryption key from configuration (a PKCS#11 token, a file or an environment variable), with the wallet id, key
 * id and protocol as authenticated data, so a share copied to another slot, a flipped bit or a wrong key is detected
 * and never used. Writes are atomic (temporary file then rename), so a node that dies mid-write keeps its previous
 * share. See ADR frost-003.
 */
package io.custody.mpc.storage;
