/**
 * Threshold ECDSA signing: the three-round presigning protocol (MtA with Pi^enc / Pi^aff-g / Pi^log*) and the
 * one-round online phase that consumes a presignature once, hashes and binds the message, checks every share,
 * normalises to low-s, adds the recovery id and verifies before release.
 */
package io.custody.mpc.ecdsa.sign;
