import { hexToBigInt, toBlobs } from 'viem'
import { blobGas } from '../chain/blobs'
import { type Connection, transientKinds } from '../chain/connection'
import type { TestConfig } from '../config/schema'
import { authorizationGas, authorizationSchema, blobsSchema, type TxType, txTypes } from '../config/tx-type-schema'
import { ConfigError } from '../errors/base'
import { classifyError } from '../errors/classify'

const gwei = 1_000_000_000n

/** The run's types by weight; the tx-types scenario is a mix of all five unless told otherwise. Empty = none named. */
export function typeWeights(config: TestConfig): Partial<Record<TxType, number>> {
  const named = config.txType ?? (config.scenario?.name === 'tx-types' ? 'all' : undefined)
  if (named === 'all') return Object.fromEntries(txTypes.map((t) => [t, 1]))
  if (typeof named === 'string') return { [named]: 1 }
  return named ?? {}
}

/** The blob options as given, defaults filled in; and the same for authorizations. */
export const blobSpecOf = (config: TestConfig) => config.blobs ?? blobsSchema.parse({})
export const authorizationOf = (config: TestConfig) => config.authorization ?? authorizationSchema.parse({})

/** Blobs each blob tx carries: `perTx` of random data, or as many as the given data fills. */
export function blobsPerTxOf(config: TestConfig): number {
  const spec = blobSpecOf(config)
  return spec.data === 'random' ? spec.perTx : toBlobs({ data: spec.data }).length
}

/**
 * The blob fee cap a run uses: the user's, else twice the blob base fee, at least 1 gwei. A node
 * without blobs is a ConfigError naming txType; one that does not answer throws its error.
 */
export async function blobFeeCap(config: TestConfig, conn: Connection): Promise<{ cap: bigint; baseFee: bigint }> {
  let baseFee: bigint
  try {
    baseFee = hexToBigInt(await conn.request('eth_blobBaseFee'))
  } catch (error) {
    if (transientKinds.has(classifyError(error).kind)) throw error
    throw new ConfigError(
      [{ field: 'txType', message: 'eip4844 needs a chain with blobs: the node does not answer eth_blobBaseFee' }],
      { hint: 'Use a node on Cancun or later, or another txType.' },
    )
  }
  const twice = baseFee * 2n
  return { cap: config.maxFeePerBlobGas ?? (twice > gwei ? twice : gwei), baseFee }
}

/** Gas the authorizations of one EIP-7702 tx add (25,000 each, EIP-7702 PER_EMPTY_ACCOUNT_COST). */
export const authorizationGasOf = (config: TestConfig) => authorizationGas * BigInt(authorizationOf(config).perTx)

/**
 * What a tx's type adds to its cost (docs/config.md#tx-types): EIP-7702 authorizations' gas, EIP-4844
 * blob gas at `blobPrice`. `worst` is the costliest type of the mix (what funding assumes of every
 * tx); `average` weighs them by their share (what the run is expected to spend).
 */
export function txTypeCosts(config: TestConfig, blobPrice: bigint) {
  const weights = typeWeights(config)
  const total = Object.values(weights).reduce((n, w) => n + (w ?? 0), 0)
  const share = (t: TxType) => (total ? (weights[t] ?? 0) / total : 0)
  const authGas = authorizationGasOf(config)
  const blobWei = weights.eip4844 ? blobGas * BigInt(blobsPerTxOf(config)) * blobPrice : 0n
  const scaled = (v: bigint, s: number) => (v * BigInt(Math.round(s * 1_000_000))) / 1_000_000n
  return {
    worst: { gas: weights.eip7702 ? authGas : 0n, wei: blobWei },
    average: { gas: scaled(authGas, share('eip7702')), wei: scaled(blobWei, share('eip4844')) },
  }
}
