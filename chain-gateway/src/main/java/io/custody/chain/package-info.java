/**
 * The chain-neutral contract the sagas use: derive an address from a public key, build an unsigned transfer and its
 * signing digest, assemble it with a signature made elsewhere (the MPC engine), broadcast, follow status and
 * confirmations, read balances, watch deposits. No type here ever holds a private key.
 */
package io.custody.chain;
