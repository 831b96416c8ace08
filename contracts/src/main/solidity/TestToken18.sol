// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// An 18-decimals token for the development chain, next to the 6-decimals TestStablecoin, so that base-unit
/// arithmetic is tested with both common precisions. Only the owner mints.
contract TestToken18 is ERC20, Ownable {
    constructor(address initialOwner) ERC20("Test Token 18", "TT18") Ownable(initialOwner) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
