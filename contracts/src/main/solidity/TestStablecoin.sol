// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// A 6-decimals stand-in for USDC/USDT on the development chain. Only the owner mints, so tests
/// control every base unit in circulation.
contract TestStablecoin is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Test USD", "TUSD") Ownable(initialOwner) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
