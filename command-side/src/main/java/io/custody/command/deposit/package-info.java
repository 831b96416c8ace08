/**
 * Deposits: one small aggregate per on-chain deposit, which makes crediting the wallet happen once per deposit id.
 */
package io.custody.command.deposit;
