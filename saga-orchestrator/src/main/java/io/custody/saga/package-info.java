/**
 * Long-running processes, the only place that sends commands in reaction to events: wallet provisioning
 * ({@code provisioning}: key generation on the MPC cluster, address derivation, activation), withdrawal execution
 * ({@code withdrawal}: delay, re-check, MPC signature, journal, broadcast, confirmations, retries) and deposits
 * ({@code deposit}: the chain gateway's deposit watch turned into {@code RecordIncomingDeposit}, {@code ConfirmDeposit}
 * and {@code RetractDeposit}, its position kept in PostgreSQL), with persistent deadlines.
 * It depends on {@code core-api}, the MPC client API and the chain gateway's API; never on read models (ADR exec-001).
 */
package io.custody.saga;
