import { formatEther } from 'viem'
import { StressError } from '../errors/base'
import type { NodeInfo } from './node-info'

export class UnsafeChainError extends StressError {
  override name = 'UnsafeChainError'
  override readonly code = 'NOT_A_DEV_CHAIN'
}

/** Chain ids of local development nodes (Anvil, Hardhat, Ganache, geth --dev). */
const devChainIds = new Set([31337, 1337])

/** Public chains where a stress test spends real money. */
const publicMainnets: Record<number, string> = {
  1: 'Ethereum mainnet',
  10: 'OP Mainnet',
  56: 'BNB Smart Chain',
  100: 'Gnosis',
  137: 'Polygon',
  324: 'zkSync Era',
  8453: 'Base',
  42161: 'Arbitrum One',
  43114: 'Avalanche C-Chain',
  59144: 'Linea',
  534352: 'Scroll',
}

/** The name of a public mainnet (real money), or null for any other chain. */
export function publicMainnetName(chainId: number): string | null {
  return publicMainnets[chainId] ?? null
}

export function isDevChain(node: NodeInfo): boolean {
  return node.isAnvil || devChainIds.has(node.chainId)
}

/**
 * Before anything is signed: a chain that is not a local development chain needs the user's
 * explicit `allowNonDevChain`, and the refusal says what the run would cost at most.
 */
export function guardChain(node: NodeInfo, allowed: boolean, worstCaseWei: bigint): void {
  if (isDevChain(node) || allowed) return
  const name = publicMainnetName(node.chainId)
  const cost = `${formatEther(worstCaseWei)} ETH`
  throw new UnsafeChainError(
    name
      ? `Refusing to send to ${name} (chain ${node.chainId}): this would spend real funds, up to ${cost}`
      : `Refusing to send to chain ${node.chainId}: it is not a local development chain; the run could spend up to ${cost}`,
    {
      hint: 'Check the RPC URL. If you really mean this chain, set allowNonDevChain: true (CLI: --allow-non-dev-chain). Nothing was signed or sent.',
    },
  )
}
