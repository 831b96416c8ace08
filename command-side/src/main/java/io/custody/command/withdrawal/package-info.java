/**
 * Rules of withdrawal proposals, kept as small functions the {@code CustodyWallet} aggregate applies: voting and the
 * status machine (seed Property 11), limits with rolling windows (Property 15), and the per-proposal state the wallet
 * keeps. Proposals live inside the wallet aggregate (see ADR workflow-010).
 */
package io.custody.command.withdrawal;
