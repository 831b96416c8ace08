/**
 * Deposits: one small aggregate per on-chain deposit (seen below the depth, confirmed, retracted by a reorganisation),
 * which makes crediting the wallet happen once per deposit id and reversing a credit once per retraction.
 */
package io.custody.command.deposit;
