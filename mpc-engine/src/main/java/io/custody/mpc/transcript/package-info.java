/**
 * The shared Fiat-Shamir transcript: domain-separated, length-prefixed absorption into SHAKE256 and full-width
 * challenges by rejection sampling. Every non-interactive proof of the engine derives its challenge here.
 */
package io.custody.mpc.transcript;
