/**
 * The write side: aggregates decide, policies state the rules they decide by, and the write REST API turns HTTP
 * requests into commands. Nothing here reads a projection; every decision is made from aggregates' own events.
 * <ul>
 *   <li>{@code wallet}: {@code CustodyWallet} with its members {@code WalletSigners} and {@code WalletPolicy}, its
 *       balances and the reservations of open proposals; {@code WalletAccounts} is how other handlers reach its money.
 *   <li>{@code withdrawal}: the {@code WithdrawalProposal} aggregate, its command handler and its rules.
 *   <li>{@code deposit}: one {@code Deposit} aggregate per on-chain deposit, for credits that happen once.
 *   <li>{@code payment}: merchants and escrow payment routing.
 *   <li>{@code web}: the write REST API.
 * </ul>
 * Commands that touch two aggregates load the proposal or deposit first and the wallet second, in one unit of work
 * (ADR 013).
 */
package io.custody.command;
