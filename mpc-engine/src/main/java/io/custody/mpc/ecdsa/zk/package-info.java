/**
 * Zero-knowledge proofs of CGGMP21 (eprint 2021/060), each in its own file with prove, verify and wire encoding:
 * Pi^mod, Pi^fac, Pi^prm (both directions), Pi^enc, Pi^aff-g, Pi^log*, and Pi^sch. Verification returns a
 * {@link io.custody.mpc.ecdsa.zk.Verdict} naming the failed check; every check has a negative test.
 */
package io.custody.mpc.ecdsa.zk;
