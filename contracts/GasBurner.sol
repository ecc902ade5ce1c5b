// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title GasBurner
/// @notice Spends a chosen amount of gas, and reverts on demand: the target of gas-limit and
///         revert scenarios.
contract GasBurner {
    /// @notice Raised by `revertWithCustomError`, so tests can decode a custom error.
    error Boom(uint256 code, address caller);

    /// @notice Emitted after a successful burn.
    event Burned(address indexed caller, uint256 gasRequested);
    /// @notice Emitted when `maybeRevert` does not revert, so lucky txs leave a trace.
    event Survived(address indexed caller, uint256 value);

    /// @notice Spends about `gasToBurn` gas, then emits `Burned`.
    /// @dev The loop stops within one iteration (under 100 gas) past the target. A tx's gasUsed is
    ///      about `gasToBurn` + 23,000: 21,000 intrinsic, calldata, dispatch and the event (measured
    ///      on Anvil 1.7.1, cancun). Runs out of gas when the tx's gas limit is below that total.
    ///      Storage-free, so the cost does not depend on earlier calls.
    function burn(uint256 gasToBurn) public {
        uint256 start = gasleft();
        while (start - gasleft() < gasToBurn) {}
        emit Burned(msg.sender, gasToBurn);
    }

    /// @notice Spends about `gasToBurn` gas like `burn`, then reverts with `reason`.
    function burnAndRevert(uint256 gasToBurn, string calldata reason) external {
        burn(gasToBurn);
        revert(reason);
    }

    /// @notice Always reverts with `Boom(code, msg.sender)`.
    /// @dev Declared view because it can change nothing; send it as a tx all the same.
    function revertWithCustomError(uint256 code) external view {
        revert Boom(code, msg.sender);
    }

    /// @notice Reverts with "unlucky" when `value % modulo == 0`, else emits `Survived`: lets a
    ///         scenario revert a chosen share of its txs (e.g. value = tx index, modulo = 10).
    /// @dev `modulo == 0` panics with 0x12 (division by zero), which is a revert too.
    function maybeRevert(uint256 value, uint256 modulo) external {
        if (value % modulo == 0) revert("unlucky");
        emit Survived(msg.sender, value);
    }
}
