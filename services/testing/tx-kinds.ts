import { randomBytes } from 'node:crypto'
import { type Address, type Hex, hexToBigInt, isAddress, numberToHex, type SignedAuthorization, toHex } from 'viem'
import { hashAuthorization } from 'viem/utils'
import { type BlobSet, makeBlobSets } from '../chain/blobs'
import type { Connection } from '../chain/connection'
import { keccakHex } from '../chain/keccak'
import type { NodeInfo } from '../chain/node-info'
import { signDigest, type UnsignedTx } from '../chain/signer'
import type { TestConfig } from '../config/schema'
import type { TxType } from '../config/tx-type-schema'
import { ConfigError } from '../errors/base'
import { createMix } from '../scenarios/workload/mix'
import type { TxRecord } from './tx'
import { authorizationGasOf, authorizationOf, blobFeeCap, blobSpecOf, txTypeCosts, typeWeights } from './tx-type-costs'

/** Keeps the type choice apart from the workload's call mix (same seed). */
const typeStream = 0x747970

/** What a tx's type adds to it when it is signed (docs/config.md#tx-types). */
export type TypeFields = Pick<UnsignedTx, 'type' | 'accessList' | 'blobs' | 'authorizationList'> & {
  /** A gas limit the type needs above the record's (a generated access list's own cost). */
  gas?: bigint
}

export type TxKinds = {
  /**
   * The type planned tx `idx` from `from` is sent as: by weight, from its index alone (a rerun
   * sends the same), except that blob txs have senders of their own (see `bind`). Undefined when
   * the config names none: the fees decide (EIP-1559, or legacy).
   */
  typeOf(idx: number, from: Address): TxType | undefined
  /** Gas its type needs on top of the call's (an authorization's cost per authority). */
  extraGas(type: TxType | undefined): bigint
  /** The most gas any tx's type adds, and the most wei beyond gas × fee (blob gas): for funding. */
  readonly maxExtraGas: bigint
  readonly extraWeiPerTx: bigint
  /**
   * Once the senders are funded and the workload deployed: names the delegate, and in a mix with
   * blob txs sets their senders apart — node pools keep an account's blob txs from its others
   * (geth refuses the mix; Anvil 1.7.1 holds the others back), so a blob sender sends only blob
   * txs, the rest none. Their share of the senders is the blob txs' weight.
   */
  bind(p: { contracts: Record<string, Address>; senders: readonly Address[] }): void
  /** After "blob fee too low": twice the blob base fee now, never lower. False when the user set the cap. */
  refreshBlobFee(): Promise<boolean>
  /** Whether `r` carries its sender's own authorization (EIP-7702, `authorization.authority: sender`): two nonces. */
  selfAuthorizes(r: TxRecord): boolean
  /** The type's fields for one signing of `r` (a fresh access list, the next blob set, its authorizations). */
  fieldsOf(r: TxRecord, chainId: number, senderKey: Hex | undefined): Promise<TypeFields>
}

const field = (name: string, message: string, hint?: string) => new ConfigError([{ field: name, message }], { hint })

/**
 * Prepares the run's transaction types before funding: checks the chain takes them, reads the
 * blob base fee and makes the blob sets (KZG proofs are slow, so none is made during the load).
 */
export async function prepareTxKinds(config: TestConfig, conn: Connection, node: NodeInfo): Promise<TxKinds> {
  const weights = typeWeights(config)
  const authorization = authorizationOf(config)
  const types = Object.keys(weights) as TxType[]
  // Blob txs come from their own senders: the per-tx mix is of the other types.
  const perTx = types.filter((t) => t !== 'eip4844' || types.length === 1)
  const mix = createMix(
    perTx.map((t) => weights[t] ?? 0),
    1,
    typeStream,
  )
  const blobShare = types.length > 1 ? (weights.eip4844 ?? 0) / types.reduce((n, t) => n + (weights[t] ?? 0), 0) : 0
  const blobSenders = new Set<string>()
  const uses = (t: TxType) => types.includes(t)
  const needBaseFee = types.filter((t) => t !== 'legacy' && t !== 'eip2930')
  if (needBaseFee.length && node.baseFeePerGas === undefined)
    throw field(
      'txType',
      `${needBaseFee.join(', ')} need a chain with a base fee (EIP-1559); this one has none`,
      'Send legacy or eip2930 txs to this chain.',
    )

  let blobSets: BlobSet[] = []
  let maxFeePerBlobGas = 0n
  if (uses('eip4844')) {
    maxFeePerBlobGas = (await blobFeeCap(config, conn)).cap
    try {
      blobSets = await makeBlobSets(blobSpecOf(config))
    } catch (error) {
      throw field('blobs.data', error instanceof Error ? error.message : String(error))
    }
  }
  const costs = txTypeCosts(config, maxFeePerBlobGas)
  let nextBlobSet = 0

  let delegate: Address | undefined
  // Throwaway authorities, one per authorization: each is a new account with nonce 0, so every
  // authorization is valid whatever order the txs land in, and no sender's nonce is touched.
  const authoritySecret = toHex(randomBytes(32))

  async function authorizations(
    r: TxRecord,
    chainId: number,
    senderKey: Hex | undefined,
  ): Promise<SignedAuthorization[]> {
    if (!delegate) throw new Error('the EIP-7702 delegate is not resolved')
    const address = delegate
    const sign = async (key: Hex, nonce: number): Promise<SignedAuthorization> => {
      const unsigned = { address, chainId, nonce }
      const sig = await signDigest(key, hashAuthorization(unsigned))
      return { ...unsigned, r: sig.r, s: sig.s, yParity: sig.yParity }
    }
    return Promise.all(
      Array.from({ length: authorization.perTx }, async (_, j) => {
        // The sender first, at the nonce the tx leaves it (the tx's + 1); the others fresh.
        if (j === 0 && r.authNonce !== undefined && senderKey) return sign(senderKey, r.authNonce)
        const key = await keccakHex(
          `${authoritySecret}${numberToHex(r.idx, { size: 8 }).slice(2)}${numberToHex(j, { size: 2 }).slice(2)}` as Hex,
        )
        return sign(key, 0)
      }),
    )
  }

  async function accessListOf(r: TxRecord) {
    if (config.accessList === 'empty') return []
    const made = await conn.request('eth_createAccessList', [
      { from: r.from, to: r.to, data: r.data, value: toHex(r.value), gas: toHex(r.gas) },
      'pending',
    ])
    // The list's own intrinsic gas can take a call past a tight limit.
    const used = hexToBigInt(made.gasUsed)
    return { accessList: made.accessList ?? [], ...(used > r.gas && { gas: used }) }
  }

  function resolveDelegate(contracts: Record<string, Address>) {
    if (!uses('eip7702')) return
    const spec = authorization.delegate
    const named = spec?.match(/^\{\{(\w+)\}\}$/)?.[1]
    if (spec && !named) {
      if (!isAddress(spec))
        throw field('authorization.delegate', 'must be a 0x address or "{{Name}}" of a workload contract')
      delegate = spec
      return
    }
    const found = named ? contracts[named] : Object.values(contracts)[0]
    if (!found)
      throw field(
        'authorization.delegate',
        named
          ? `names ${named}, which the workload does not deploy (it has: ${Object.keys(contracts).join(', ') || 'none'})`
          : 'is needed: this workload deploys no contract to delegate to',
        'Give an address, "{{Name}}" of a workload contract, or use the tx-types scenario (it deploys one).',
      )
    delegate = found
  }

  const authGas = authorizationGasOf(config)
  const extraGas = (type: TxType | undefined) => (type === 'eip7702' ? authGas : 0n)

  return {
    typeOf: (idx, from) => {
      // Per tx: the common case (no type named) costs nothing.
      if (!perTx.length) return undefined
      return blobSenders.size && blobSenders.has(from.toLowerCase()) ? 'eip4844' : perTx[mix.pick(idx)]
    },
    extraGas,
    maxExtraGas: costs.worst.gas,
    extraWeiPerTx: costs.worst.wei,
    bind({ contracts, senders }) {
      if (blobShare > 0) {
        if (senders.length < 2)
          throw field(
            'accounts',
            "must be at least 2 for a mix with eip4844: blob txs need senders of their own (node pools keep an account's blob txs apart from its other txs)",
          )
        const n = Math.min(senders.length - 1, Math.max(1, Math.round(senders.length * blobShare)))
        for (const a of senders.slice(-n)) blobSenders.add(a.toLowerCase())
      }
      resolveDelegate(contracts)
    },
    async refreshBlobFee() {
      if (config.maxFeePerBlobGas !== undefined) return false
      const { cap } = await blobFeeCap(config, conn)
      if (cap > maxFeePerBlobGas) maxFeePerBlobGas = cap
      return true
    },
    selfAuthorizes: (r) => r.txType === 'eip7702' && authorization.authority === 'sender',
    async fieldsOf(r, chainId, senderKey) {
      const type = r.txType
      if (type === undefined || type === 'legacy') return { type }
      if (type === 'eip2930') return { type, ...(await accessListOf(r)) }
      if (type === 'eip1559') return { type }
      if (type === 'eip7702') return { type, authorizationList: await authorizations(r, chainId, senderKey) }
      const set = blobSets[nextBlobSet++ % blobSets.length] as BlobSet
      return { type, blobs: { ...set, maxFeePerBlobGas } }
    },
  }
}
