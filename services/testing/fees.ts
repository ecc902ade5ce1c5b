import { hexToBigInt } from 'viem'
import { latestBlock } from '../chain/block-reads'
import type { Connection } from '../chain/connection'
import type { Fees } from '../chain/signer'

export type FeeSettings = { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint }

const gwei = 1_000_000_000n

export type FeeProvider = {
  init(): Promise<void>
  get(): Fees
  /** After "fee below base fee": re-read; never go below what we had. */
  refresh(): Promise<Fees>
  /**
   * A new block's base fee: when it leaves less than half the headroom the default gives, the
   * fee is raised to twice it plus the tip. Never lowered.
   */
  follow(baseFee: bigint): void
  /** Worst-case wei one transaction can cost in gas at these fees. */
  maxGasCost(gas: bigint): bigint
}

/**
 * Fees for every transaction of a run: twice the base fee plus the tip, read at the start and
 * raised as blocks show the base fee climbing (full blocks raise it 12.5 % each), so a tx is not
 * refused for a fee the chain has outgrown — a refused tx strands its sender's later nonces in
 * Anvil's pool (docs/architecture.md#waves-and-anvils-pool). A fee the user set is never changed.
 */
export function createFeeProvider(conn: Connection, settings: FeeSettings): FeeProvider {
  let current: Fees | undefined

  async function read(): Promise<Fees> {
    const block = await latestBlock(conn)
    const tip = settings.maxPriorityFeePerGas ?? gwei
    if (!block.baseFeePerGas) {
      const gasPrice = settings.maxFeePerGas ?? hexToBigInt(await conn.request('eth_gasPrice')) * 2n
      return { type: 'legacy', gasPrice }
    }
    const base = hexToBigInt(block.baseFeePerGas)
    const maxFee = settings.maxFeePerGas ?? base * 2n + tip
    return { type: 'eip1559', maxFeePerGas: maxFee, maxPriorityFeePerGas: tip < maxFee ? tip : maxFee }
  }

  return {
    async init() {
      current = await read()
    },
    get(): Fees {
      if (!current) throw new Error('fee provider not initialised')
      return current
    },
    async refresh(): Promise<Fees> {
      const next = await read()
      if (current?.type === 'eip1559' && next.type === 'eip1559' && next.maxFeePerGas < current.maxFeePerGas)
        next.maxFeePerGas = (current.maxFeePerGas * 3n) / 2n
      current = next
      return next
    },
    follow(baseFee: bigint) {
      if (settings.maxFeePerGas !== undefined || current?.type !== 'eip1559') return
      const tip = current.maxPriorityFeePerGas
      if (current.maxFeePerGas >= (baseFee * 3n) / 2n + tip) return
      current = { ...current, maxFeePerGas: baseFee * 2n + tip }
    },
    maxGasCost(gas: bigint): bigint {
      const f = this.get()
      return gas * (f.type === 'eip1559' ? f.maxFeePerGas : f.gasPrice)
    },
  }
}
