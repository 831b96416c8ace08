/**
 * Reaching chain nodes reliably: an ordered list of JSON-RPC endpoints (primary first) with health checks, a
 * Resilience4j circuit breaker per endpoint and a Resilience4j retry with exponential backoff around the whole
 * failover sweep (seed properties 6, 7 and 16).
 */
package io.custody.chain.rpc;
