/** Deposits into custody wallets as confirmed by the chain gateway. */
package io.custody.api.deposit;
