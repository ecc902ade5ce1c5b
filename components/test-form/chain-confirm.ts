import type { RunPreview } from '@/services/runs/preview-types'

/** What the confirmation needs of the preview's node. */
export type ChainFacts = Pick<RunPreview['node'], 'chainId' | 'devChain' | 'publicMainnet'>

/** Short names people use for a chain besides its full name. */
const nicknames: Record<number, string[]> = { 1: ['mainnet', 'ethereum'] }

/**
 * What the user may type to confirm a run on a chain that is not a local dev chain: its id, its
 * name when it is a known public mainnet, or a nickname ("mainnet"). Lowercase.
 */
export function confirmationAnswers(node: ChainFacts): string[] {
  const out = [String(node.chainId), ...(nicknames[node.chainId] ?? [])]
  if (node.publicMainnet) out.push(node.publicMainnet.toLowerCase())
  return out
}

/** True when the typed text names this chain (case and surrounding spaces ignored). */
export function isChainConfirmed(typed: string, node: ChainFacts): boolean {
  return confirmationAnswers(node).includes(typed.trim().toLowerCase())
}

/** The answer the prompt suggests: the nickname or the id. */
export function suggestedAnswer(node: ChainFacts): string {
  return nicknames[node.chainId]?.[0] ?? String(node.chainId)
}
