/** Read side of withdrawal proposals: projection, reads, signing payloads and the proposal event stream. */
package io.custody.query.proposal;
