/** Read-side results about balances. */
package io.custody.api.balance;
