// Hardhat here is only the local development node: contracts are compiled by solcjs (scripts/compile.js),
// so no compiler list is configured and Hardhat never tries to download one.
module.exports = {
  paths: {
    // An empty folder keeps Hardhat from scanning the Solidity tree it does not build.
    sources: "./devnode-sources",
    cache: "./target/hardhat-cache",
    artifacts: "./target/hardhat-artifacts",
  },
  networks: {
    hardhat: {
      chainId: 31337,
      // Tests switch automine off over JSON-RPC (evm_setAutomine) when they need stuck transactions.
      mining: { auto: true, interval: 0 },
      // The base fee stays predictable for fee-cap assertions; 1 gwei is Hardhat's usual initial value.
      initialBaseFeePerGas: 1000000000,
      accounts: { count: 20, accountsBalance: "10000000000000000000000" },
      loggingEnabled: false,
    },
  },
};
