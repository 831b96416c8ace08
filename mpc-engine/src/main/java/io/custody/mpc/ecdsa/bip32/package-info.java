/** Non-hardened BIP32 public derivation from the joint key and its xpub encoding. */
package io.custody.mpc.ecdsa.bip32;
