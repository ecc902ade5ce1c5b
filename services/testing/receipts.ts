import { type Hex, hexToBigInt, hexToNumber, isHex } from 'viem'
import type { Connection } from '../chain/connection'
import { isTooLarge, readInPieces } from '../chain/read-in-pieces'

export type RawReceipt = {
  transactionHash: Hex
  status: Hex
  gasUsed: Hex
  effectiveGasPrice?: Hex
  blockNumber: Hex
  /** Hex on the wire; viem's schema allows any string, so it is checked before it is read. */
  type?: string
  blobGasUsed?: Hex
  blobGasPrice?: Hex
}

export type Inclusion = {
  hash: Hex
  status: 'success' | 'reverted'
  blockNumber: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint | undefined
  /** The receipt's EIP-2718 type (absent on nodes that leave it out). */
  type: number | undefined
  blobGasUsed: bigint | undefined
  blobGasPrice: bigint | undefined
  seenAt: number
}

export function toInclusion(r: RawReceipt, seenAt: number): Inclusion {
  return {
    hash: r.transactionHash,
    status: hexToNumber(r.status) === 1 ? 'success' : 'reverted',
    blockNumber: hexToBigInt(r.blockNumber),
    gasUsed: hexToBigInt(r.gasUsed),
    effectiveGasPrice: r.effectiveGasPrice ? hexToBigInt(r.effectiveGasPrice) : undefined,
    type: r.type && isHex(r.type) ? hexToNumber(r.type) : undefined,
    blobGasUsed: r.blobGasUsed ? hexToBigInt(r.blobGasUsed) : undefined,
    blobGasPrice: r.blobGasPrice ? hexToBigInt(r.blobGasPrice) : undefined,
    seenAt,
  }
}

/**
 * Receipts read in one request: ~1 KB each for a transfer (its logs bloom alone is 514 chars),
 * so a few MB; a group the transport still refuses is read in halves (docs/architecture.md#reading-blocks).
 */
export const receiptsPerRead = 2_000

/**
 * Reads receipts for the tracker: a block's at once where the node has `eth_getBlockReceipts`
 * (learned from its first answer), else our txs' one by one, in bounded groups.
 */
export function createReceiptReader(conn: Connection) {
  let blockReceipts: 'unknown' | 'yes' | 'no' = 'unknown'

  async function ofBlock(block: Hex, ours: Hex[]): Promise<RawReceipt[]> {
    if (blockReceipts !== 'no') {
      try {
        const all = await conn.request('eth_getBlockReceipts', [block])
        if (all) {
          blockReceipts = 'yes'
          return all
        }
      } catch (error) {
        // Too large says nothing about whether the node has the method: the caller splits.
        if (blockReceipts === 'yes' || isTooLarge(error)) throw error
        blockReceipts = 'no'
      }
    }
    return oneByOne(ours)
  }

  /** Our txs' receipts one request each (batched by the transport), in bounded groups. */
  async function oneByOne(ours: Hex[]): Promise<RawReceipt[]> {
    const receipts = await readInPieces({
      items: ours,
      weight: () => 1,
      budget: receiptsPerRead,
      read: (group): Promise<(RawReceipt | null)[]> =>
        Promise.all(group.map((h) => conn.request('eth_getTransactionReceipt', [h]))),
    })
    return receipts.filter((r): r is RawReceipt => Boolean(r))
  }

  return { ofBlock, oneByOne }
}
