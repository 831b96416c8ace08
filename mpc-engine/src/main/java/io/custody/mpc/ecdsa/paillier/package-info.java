/**
 * Paillier encryption over safe-prime moduli, ring-Pedersen parameters, safe-prime generation and the persisted
 * safe-prime pool that key generation and refresh draw from.
 */
package io.custody.mpc.ecdsa.paillier;
