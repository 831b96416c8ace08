/**
 * Governance of a wallet's policy (ADR identity-020): the setup window after which an administrator alone may only
 * tighten a wallet's policy, the classification of changes into tightening and loosening, and the policy-change
 * proposal its signer quorum approves, with a time lock on loosening changes.
 */
package io.custody.command.governance;
