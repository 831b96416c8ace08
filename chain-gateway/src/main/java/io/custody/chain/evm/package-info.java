/**
 * EVM chains through web3j: chain configurations, address derivation, EIP-1559 and legacy (EIP-155) transaction
 * building and assembly from external (r, s, recovery id) signatures, ERC-20 calls, fees, nonces, stuck-transaction
 * replacement and deposit scanning with reorg handling.
 */
package io.custody.chain.evm;
