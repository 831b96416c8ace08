/** Balances per wallet and token: projection, reads, the stale flag of seed Property 8 and the REST endpoint. */
package io.custody.query.balance;
