/** The read model of wallet policy changes (ADR identity-020) and what signers sign to approve or cancel one. */
package io.custody.query.governance;
