/**
 * The token registry: per chain, symbol, on-chain identity and decimals of every asset the gateway handles
 * ({@link io.custody.chain.token.TokenRegistry}); {@code EvmAdapter.verify} checks an ERC-20 entry against the
 * contract itself.
 */
package io.custody.chain.token;
