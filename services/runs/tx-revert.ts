import { type Abi, type Address, type Hex, toHex } from 'viem'
import { createRevertDecoder } from '../abi/decode-revert'
import type { RpcRequest } from '../chain/connection'
import { revertDataOf } from '../chain/revert-data'
import type { AbiCandidate } from './tx-decode'

type ReplayedTx = { from: Address; to: Address | null; input: Hex; value: Hex; gas: Hex }

/**
 * Why a tx reverted, asked again: the run decodes only its first 500 reverts (a replay each), so
 * later ones have no stored reason. Replays the call on the state before its block, as the engine
 * does, and decodes the answer with every ABI we hold (custom errors included).
 */
export async function replayRevert(
  request: RpcRequest,
  tx: ReplayedTx,
  blockNumber: number,
  candidates: readonly AbiCandidate[],
): Promise<string> {
  let data: Hex | undefined
  try {
    await request('eth_call', [
      { from: tx.from, to: tx.to, data: tx.input, value: tx.value, gas: tx.gas },
      toHex(Math.max(blockNumber - 1, 0)),
    ])
    // The call passes now: the revert depended on the state inside its block (an earlier tx of it).
    return 'reverted (the replay on the previous block passes: it depended on txs earlier in its block)'
  } catch (error) {
    data = revertDataOf(error)
  }
  const abi = candidates.flatMap((c) => c.abi) as Abi
  return createRevertDecoder(abi)(data).message
}
