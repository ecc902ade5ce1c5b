// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The part of an ERC20 the pool uses.
interface IPoolToken {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title ConstantProductPool
/// @notice A constant-product AMM of two ERC20 tokens (x · y = k, 0.3 % swap fee), in the manner of
/// a Uniswap V2 pair, and its own LP token. The target of the `amm-swaps` workload example.
/// @dev Rounding always favours the pool, so reserve0 · reserve1 / totalSupply² never decreases:
/// swaps raise it (the fee), adding and removing liquidity keep it. `kPerShare()` exposes it so a
/// run can check the invariant after thousands of mixed calls.
contract ConstantProductPool {
    /// @notice The call came after its deadline (a block timestamp).
    error Expired(uint256 deadline, uint256 timestamp);
    /// @notice The swap or removal would give less than the caller's minimum.
    error InsufficientOutput(uint256 amount, uint256 minimum);
    /// @notice Adding liquidity would mint fewer LP tokens than the caller's minimum (or none).
    error InsufficientLiquidityMinted(uint256 liquidity, uint256 minimum);
    /// @notice The pool holds no liquidity yet, or the amount is zero.
    error NoLiquidity();
    /// @notice `tokenIn` is neither of the pool's tokens.
    error UnknownToken(address token);
    /// @notice `from` tried to move more LP tokens than it holds.
    error InsufficientBalance(address from, uint256 balance, uint256 needed);
    /// @notice A token refused a transfer.
    error TransferFailed(address token);

    event Swap(address indexed sender, address indexed tokenIn, uint256 amountIn, uint256 amountOut, address to);
    event Mint(address indexed sender, uint256 amount0, uint256 amount1, uint256 liquidity);
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, uint256 liquidity);
    event Sync(uint256 reserve0, uint256 reserve1);
    /// @notice LP token moves, mints (from = 0) and burns (to = 0) included.
    event Transfer(address indexed from, address indexed to, uint256 value);

    string public constant name = "Stress Pool LP";
    string public constant symbol = "SPLP";
    uint8 public constant decimals = 18;
    /// @notice Locked forever at the first deposit, so the share price can never be reset.
    uint256 public constant MINIMUM_LIQUIDITY = 1000;

    address public immutable token0;
    address public immutable token1;
    uint256 public reserve0;
    uint256 public reserve1;
    /// @notice LP tokens in existence.
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    constructor(address tokenA, address tokenB) {
        token0 = tokenA;
        token1 = tokenB;
    }

    modifier before(uint256 deadline) {
        if (block.timestamp > deadline) revert Expired(deadline, block.timestamp);
        _;
    }

    /// @notice Both reserves.
    function getReserves() external view returns (uint256, uint256) {
        return (reserve0, reserve1);
    }

    /// @notice reserve0 · reserve1 · 1e18 / totalSupply²: never decreases (see the contract's notes).
    function kPerShare() external view returns (uint256) {
        if (totalSupply == 0) return 0;
        return (reserve0 * reserve1 * 1e18) / (totalSupply * totalSupply);
    }

    /// @notice What a swap of `amountIn` of `tokenIn` would give now.
    function quote(address tokenIn, uint256 amountIn) public view returns (uint256) {
        (uint256 rIn, uint256 rOut) = _reservesFor(tokenIn);
        if (rIn == 0 || rOut == 0) revert NoLiquidity();
        uint256 withFee = amountIn * 997;
        return (withFee * rOut) / (rIn * 1000 + withFee);
    }

    /// @notice Sells `amountIn` of `tokenIn` (approved to the pool) for the other token, sent to `to`.
    function swap(address tokenIn, uint256 amountIn, uint256 minOut, address to, uint256 deadline)
        external
        before(deadline)
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert NoLiquidity();
        amountOut = quote(tokenIn, amountIn);
        if (amountOut == 0 || amountOut < minOut) revert InsufficientOutput(amountOut, minOut);
        bool zeroIn = tokenIn == token0;
        _pull(tokenIn, amountIn);
        _push(zeroIn ? token1 : token0, to, amountOut);
        if (zeroIn) _sync(reserve0 + amountIn, reserve1 - amountOut);
        else _sync(reserve0 - amountOut, reserve1 + amountIn);
        emit Swap(msg.sender, tokenIn, amountIn, amountOut, to);
    }

    /// @notice Deposits both tokens at the pool's ratio (at most the amounts given) for LP tokens.
    function addLiquidity(uint256 amount0Max, uint256 amount1Max, uint256 minLiquidity, uint256 deadline)
        external
        before(deadline)
        returns (uint256 liquidity)
    {
        uint256 amount0 = amount0Max;
        uint256 amount1 = amount1Max;
        if (totalSupply == 0) {
            liquidity = _sqrt(amount0 * amount1);
            if (liquidity <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted(0, minLiquidity);
            liquidity -= MINIMUM_LIQUIDITY;
            _mint(address(0), MINIMUM_LIQUIDITY);
        } else {
            uint256 amount1Optimal = (amount0Max * reserve1) / reserve0;
            if (amount1Optimal <= amount1Max) amount1 = amount1Optimal;
            else amount0 = (amount1Max * reserve0) / reserve1;
            liquidity = _min((amount0 * totalSupply) / reserve0, (amount1 * totalSupply) / reserve1);
        }
        if (liquidity == 0 || liquidity < minLiquidity) revert InsufficientLiquidityMinted(liquidity, minLiquidity);
        _pull(token0, amount0);
        _pull(token1, amount1);
        _mint(msg.sender, liquidity);
        _sync(reserve0 + amount0, reserve1 + amount1);
        emit Mint(msg.sender, amount0, amount1, liquidity);
    }

    /// @notice Burns `liquidity` LP tokens for the share of both reserves they stand for.
    function removeLiquidity(uint256 liquidity, uint256 min0, uint256 min1, uint256 deadline)
        external
        before(deadline)
        returns (uint256 amount0, uint256 amount1)
    {
        if (liquidity == 0) revert NoLiquidity();
        amount0 = (liquidity * reserve0) / totalSupply;
        amount1 = (liquidity * reserve1) / totalSupply;
        if (amount0 < min0) revert InsufficientOutput(amount0, min0);
        if (amount1 < min1) revert InsufficientOutput(amount1, min1);
        _burn(msg.sender, liquidity);
        _push(token0, msg.sender, amount0);
        _push(token1, msg.sender, amount1);
        _sync(reserve0 - amount0, reserve1 - amount1);
        emit Burn(msg.sender, amount0, amount1, liquidity);
    }

    /// @notice Moves LP tokens.
    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function _reservesFor(address tokenIn) private view returns (uint256, uint256) {
        if (tokenIn == token0) return (reserve0, reserve1);
        if (tokenIn == token1) return (reserve1, reserve0);
        revert UnknownToken(tokenIn);
    }

    function _pull(address token, uint256 amount) private {
        if (!IPoolToken(token).transferFrom(msg.sender, address(this), amount)) revert TransferFailed(token);
    }

    function _push(address token, address to, uint256 amount) private {
        if (!IPoolToken(token).transfer(to, amount)) revert TransferFailed(token);
    }

    function _sync(uint256 r0, uint256 r1) private {
        reserve0 = r0;
        reserve1 = r1;
        emit Sync(r0, r1);
    }

    function _mint(address to, uint256 amount) private {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _burn(address from, uint256 amount) private {
        _move(from, address(0), amount);
        totalSupply -= amount;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        if (balance < amount) revert InsufficientBalance(from, balance, amount);
        unchecked {
            balanceOf[from] = balance - amount;
        }
        if (to != address(0)) balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    /// @dev Babylonian square root, rounded down.
    function _sqrt(uint256 y) private pure returns (uint256 z) {
        if (y > 3) {
            z = y;
            uint256 x = y / 2 + 1;
            while (x < z) {
                z = x;
                x = (y / x + x) / 2;
            }
        } else if (y != 0) {
            z = 1;
        }
    }
}
