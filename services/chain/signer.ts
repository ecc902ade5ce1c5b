import { createRequire } from 'node:module'
import {
  type AccessList,
  type Address,
  type BlobSidecars,
  bytesToHex,
  type Hex,
  hexToBytes,
  type SignedAuthorizationList,
  serializeTransaction,
  type TransactionSerializable,
} from 'viem'
import { sign } from 'viem/accounts'
import type { TxType } from '../config/tx-type-schema'
import { keccakHex } from './keccak'

export type Fees =
  | { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  | { type: 'legacy'; gasPrice: bigint }

export type UnsignedTx = {
  chainId: number
  nonce: number
  /** Absent = contract creation. */
  to?: Address
  value: bigint
  data?: Hex
  gas: bigint
  fees: Fees
  /** Absent = what the fees are (EIP-1559, or legacy on a chain without a base fee). */
  type?: TxType
  accessList?: AccessList
  /** EIP-4844: the blobs' versioned hashes and their sidecars (blob, commitment, proof). */
  blobs?: { versionedHashes: readonly Hex[]; sidecars: BlobSidecars<Hex>; maxFeePerBlobGas: bigint }
  /** EIP-7702: authorizations signed by their authorities. */
  authorizationList?: SignedAuthorizationList
}

export type SignedTx = { raw: Hex; hash: Hex }

type NativeSecp = { ecdsaSign(msg: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number } }

/**
 * libsecp256k1 (the `secp256k1` package's prebuilt addon) signs ~5× faster than pure JS here
 * (15k vs 2.9k tx/s on one core), which keeps signing off the critical path of a run. Pure JS is
 * the fallback where the addon cannot load.
 */
const native: NativeSecp | undefined = (() => {
  if (process.env.EVM_STRESS_JS_SIGNER === '1') return undefined
  try {
    const require = createRequire(import.meta.url)
    const mod = require('secp256k1') as NativeSecp
    mod.ecdsaSign(new Uint8Array(32).fill(1), new Uint8Array(32).fill(1))
    return mod
  } catch {
    return undefined
  }
})()

export const signerBackend: 'libsecp256k1' | 'js' = native ? 'libsecp256k1' : 'js'

/** How a run signed (report.signing). */
export type Signing = { backend: typeof signerBackend; workers: number; signedInWorkers: number }

/** The one gas price of a type without a tip (legacy, EIP-2930): the most the fees allow. */
const gasPriceOf = (f: Fees) => (f.type === 'eip1559' ? f.maxFeePerGas : f.gasPrice)

function toSerializable(tx: UnsignedTx): TransactionSerializable {
  const base = { chainId: tx.chainId, nonce: tx.nonce, to: tx.to, value: tx.value, data: tx.data, gas: tx.gas }
  const type = tx.type ?? (tx.fees.type === 'eip1559' ? 'eip1559' : 'legacy')
  if (type === 'legacy') return { ...base, type, gasPrice: gasPriceOf(tx.fees) }
  const accessList = tx.accessList ?? []
  if (type === 'eip2930') return { ...base, type, gasPrice: gasPriceOf(tx.fees), accessList }
  if (tx.fees.type !== 'eip1559') throw new Error(`${type} txs need a chain with a base fee (EIP-1559)`)
  const fees = { maxFeePerGas: tx.fees.maxFeePerGas, maxPriorityFeePerGas: tx.fees.maxPriorityFeePerGas }
  if (type === 'eip1559') return { ...base, ...fees, type, accessList }
  if (type === 'eip7702') {
    if (!tx.to || !tx.authorizationList) throw new Error('an EIP-7702 tx needs a recipient and an authorization list')
    return { ...base, to: tx.to, ...fees, type, accessList, authorizationList: tx.authorizationList }
  }
  if (!tx.to || !tx.blobs) throw new Error('an EIP-4844 tx needs a recipient and blobs')
  return {
    ...base,
    to: tx.to,
    ...fees,
    type,
    accessList,
    maxFeePerBlobGas: tx.blobs.maxFeePerBlobGas,
    blobVersionedHashes: tx.blobs.versionedHashes,
    sidecars: tx.blobs.sidecars,
  }
}

/** Signs a transaction with a raw private key; the hash is known before the node sees it. */
export async function signTx(
  privateKey: Hex,
  tx: UnsignedTx,
  /** Where the digest is signed: here by default, or a pool of worker threads (sign-pool.ts). */
  sign: typeof signDigest = signDigest,
): Promise<SignedTx> {
  const serializable = toSerializable(tx)
  // A blob tx is signed and hashed without its sidecars; the node is sent the wrapper that holds them.
  const bare = serializable.type === 'eip4844' ? { ...serializable, sidecars: false as const } : serializable
  const sig = await sign(privateKey, await keccakHex(serializeTransaction(bare)))
  // A legacy tx carries v (EIP-155 folds the chain id into it); typed txs carry yParity.
  const signature = serializable.type === 'legacy' ? { ...sig, v: 27n + BigInt(sig.yParity) } : sig
  const raw = serializeTransaction(serializable, signature)
  return { raw, hash: await keccakHex(bare === serializable ? raw : serializeTransaction(bare, signature)) }
}

/** A secp256k1 signature of a 32-byte digest (a tx's, an authorization's). */
export async function signDigest(privateKey: Hex, digest: Hex): Promise<{ r: Hex; s: Hex; yParity: number }> {
  if (native) {
    const { signature: sig, recid } = native.ecdsaSign(hexToBytes(digest), hexToBytes(privateKey))
    return { r: bytesToHex(sig.subarray(0, 32)), s: bytesToHex(sig.subarray(32, 64)), yParity: recid }
  }
  const s = await sign({ hash: digest, privateKey })
  return { r: s.r, s: s.s, yParity: s.yParity ?? 0 }
}
