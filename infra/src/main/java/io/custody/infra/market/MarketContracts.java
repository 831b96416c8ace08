package io.custody.infra.market;

/**
 * Where the market contracts are on the execution chain: {@code custody.chain.evm.contracts.escrow} and
 * {@code .financing}, or the ones the local development node deploys; {@code null} where there is none.
 */
public record MarketContracts(String escrow, String financing) {

    public static final String ESCROW_SETTING = "custody.chain.evm.contracts.escrow";
    public static final String FINANCING_SETTING = "custody.chain.evm.contracts.financing";
}
