/** Round plumbing shared by the ECDSA state machines: envelope checks, buffering, identifiable aborts. */
package io.custody.mpc.ecdsa.round;
