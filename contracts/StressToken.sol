// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title StressToken
/// @notice A minimal ERC20 used as the target of token-transfer stress tests.
/// @dev Anyone may mint: this token only exists on test chains to generate load. Never give it value.
contract StressToken {
    /// @notice `from` tried to move more than it holds.
    error InsufficientBalance(address from, uint256 balance, uint256 needed);
    /// @notice `spender` tried to move more than it was approved for.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice `batchTransfer` got arrays of different lengths.
    error LengthMismatch();

    /// @notice Emitted on every balance move, mints included (from = address(0)).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice Emitted when `owner` sets the allowance of `spender`.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The token's name.
    string public constant name = "Stress Token";
    /// @notice The token's symbol.
    string public constant symbol = "STRESS";
    /// @notice Balances use 18 decimals, like ETH.
    uint8 public constant decimals = 18;

    /// @notice All tokens minted so far.
    uint256 public totalSupply;
    /// @notice Each holder's balance.
    mapping(address => uint256) public balanceOf;
    /// @notice How much a spender may still move for an owner.
    mapping(address => mapping(address => uint256)) public allowance;

    /// @notice Mints `initialSupply` to the deployer.
    constructor(uint256 initialSupply) {
        mint(msg.sender, initialSupply);
    }

    /// @notice Creates `amount` tokens for `to`. Open to anyone: a stress-test token, not money.
    function mint(address to, uint256 amount) public {
        totalSupply += amount;
        // Cannot overflow: no balance exceeds totalSupply, which the line above checked.
        unchecked {
            balanceOf[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }

    /// @notice Moves `amount` of the caller's tokens to `to`.
    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @notice Lets `spender` move up to `amount` of the caller's tokens.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice Moves `amount` from `from` to `to` out of the caller's allowance (max = unlimited).
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(msg.sender, allowed, amount);
            unchecked {
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    /// @notice Sends `amounts[i]` to `to[i]` for each i: many transfers for the gas of one tx.
    function batchTransfer(address[] calldata to, uint256[] calldata amounts) external {
        if (to.length != amounts.length) revert LengthMismatch();
        for (uint256 i = 0; i < to.length; ++i) {
            _transfer(msg.sender, to[i], amounts[i]);
        }
    }

    /// @dev The one place balances move between holders.
    function _transfer(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(from, balance, amount);
        // Cannot underflow (checked above) nor overflow (bounded by totalSupply).
        unchecked {
            balanceOf[from] = balance - amount;
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
    }
}
