// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @title ShareVault
/// @notice OpenZeppelin's ERC4626 tokenized vault over one ERC20 asset, compiled from the npm
/// package's source: deposits mint shares, withdrawals and redemptions burn them.
contract ShareVault is ERC4626 {
    constructor(IERC20 asset_) ERC20("Share Vault", "SVLT") ERC4626(asset_) {}
}
