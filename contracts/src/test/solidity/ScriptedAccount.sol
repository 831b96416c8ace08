// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.28;

/// Test fixture: a contract account that its owner drives through `execute`, and that can be told to reject the
/// native coin, like a multisig or a smart wallet without a payable fallback. Reverts of the call are passed on as
/// they are so that tests still see the callee's custom error.
contract ScriptedAccount {
    address public immutable owner;
    bool public acceptsNative = true;

    error NotOwner();
    error NativeRejected();

    constructor() {
        owner = msg.sender;
    }

    function setAcceptsNative(bool accepts) external {
        if (msg.sender != owner) revert NotOwner();
        acceptsNative = accepts;
    }

    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        if (msg.sender != owner) revert NotOwner();
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (!acceptsNative) revert NativeRejected();
    }
}
