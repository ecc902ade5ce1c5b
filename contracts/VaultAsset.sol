// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title VaultAsset
/// @notice OpenZeppelin's ERC20, compiled from the npm package's source: the asset of the
/// `token-vault` workload example. The whole supply goes to the deployer; there is no mint.
contract VaultAsset is ERC20 {
    constructor(uint256 initialSupply) ERC20("Vault Asset", "VAST") {
        _mint(msg.sender, initialSupply);
    }
}
