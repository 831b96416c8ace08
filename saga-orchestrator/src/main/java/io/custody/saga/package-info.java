/**
 * Long-running processes, the only place that sends commands in reaction to events: wallet provisioning (key
 * generation on the MPC cluster, address derivation, activation), withdrawal execution (delay, re-checks, MPC
 * signature, broadcast, confirmations, retries) and escrow flows, with persistent deadlines. Empty until the
 * provisioning and execution issues land; it depends on {@code core-api} only, and on the MPC and chain client APIs.
 */
package io.custody.saga;
