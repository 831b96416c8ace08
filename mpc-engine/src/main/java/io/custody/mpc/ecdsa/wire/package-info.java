/**
 * The versioned binary encoding of every ECDSA message and key share: byte 0 is the encoding version (1), then a
 * length-prefixed type name, then length-prefixed fields in a fixed order per type (big integers as two's complement
 * big-endian, points as 33-byte compressed SEC1, counts as 4-byte big-endian). Readers reject unknown versions, wrong
 * types, bad lengths and trailing bytes.
 */
package io.custody.mpc.ecdsa.wire;
