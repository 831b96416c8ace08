package io.custody.command.web;

/** Body of {@code PATCH /api/v1/wallets/{id}}. */
public record RenameWalletRequest(String name) {
}
