package io.custody.command.web;

import java.util.List;

/** Body of {@code POST /api/v1/wallets}; raw JSON values, parsed and validated by {@link WalletRequestParser}. */
public record CreateWalletRequest(
        String organisation,
        String name,
        List<String> signers,
        Integer threshold,
        String chainFamily) {
}
