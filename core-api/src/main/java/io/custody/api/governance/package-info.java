/**
 * The published language of wallet policy governance (ADR identity-020): a change of a sealed wallet's signers,
 * threshold, limits, whitelist, delay, status or allowed contracts is a proposal its signer quorum approves, and a
 * loosening change waits out a time lock during which any signer may cancel it.
 */
package io.custody.api.governance;
