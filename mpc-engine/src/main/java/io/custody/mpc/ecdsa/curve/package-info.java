/** secp256k1 parameters and validated point decoding (BouncyCastle's arithmetic). */
package io.custody.mpc.ecdsa.curve;
