/**
 * The local development chain: starting and stopping a Hardhat 2 node from the pinned npm packages, and the
 * development-only JSON-RPC controls (snapshots, automine, time, balances) that tests and the all-in-one app use.
 */
package io.custody.contracts.devnode;
