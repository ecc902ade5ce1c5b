// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Counter
/// @notice The smallest useful state change: a shared count plus what each caller added to it.
contract Counter {
    /// @notice Emitted whenever the count goes up.
    event Incremented(address indexed caller, uint256 newCount);

    /// @notice The shared count.
    uint256 public count;
    /// @notice The total each caller added with `increment`/`incrementBy`.
    mapping(address => uint256) public countOf;

    /// @notice Adds 1 to the count.
    function increment() external {
        incrementBy(1);
    }

    /// @notice Adds `amount` to the count (reverts on overflow).
    function incrementBy(uint256 amount) public {
        uint256 newCount = count + amount;
        count = newCount;
        countOf[msg.sender] += amount;
        emit Incremented(msg.sender, newCount);
    }

    /// @notice Sets the count to `newNumber` (per-caller totals are left as they are).
    function setNumber(uint256 newNumber) external {
        count = newNumber;
    }
}
