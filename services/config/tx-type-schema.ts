import { z } from 'zod'

/**
 * The transaction types a run can send (docs/config.md#tx-types). Their order is their EIP-2718
 * type byte: legacy 0, EIP-2930 1, EIP-1559 2, EIP-4844 3, EIP-7702 4.
 */
export const txTypes = ['legacy', 'eip2930', 'eip1559', 'eip4844', 'eip7702'] as const
export type TxType = (typeof txTypes)[number]
export const txTypeByte = (t: TxType): number => txTypes.indexOf(t)

/** At most 6 blobs in one tx since Osaka (EIP-7594). */
export const maxBlobsPerTx = 6
/** Gas an authorization costs when its authority is a new account (EIP-7702 PER_EMPTY_ACCOUNT_COST). */
export const authorizationGas = 25_000n

const typeName = z.enum(txTypes, { error: `must be one of: ${txTypes.join(', ')}` })

/** One type for every tx, or a weighted mix (`{legacy: 1, eip1559: 3}`), picked per tx from its index. */
export const txTypeSchema = z.union(
  [
    typeName,
    z
      .partialRecord(typeName, z.number().positive({ error: 'must be a weight above 0' }))
      .refine((m) => Object.keys(m).length > 0, { error: 'needs at least one type with a weight' }),
  ],
  { error: `must be one of: ${txTypes.join(', ')}, or a mix of them by weight, e.g. {legacy: 1, eip1559: 3}` },
)

const hexData = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})+$/, { error: 'must be 0x-hex bytes, or "random"' })
  .transform((s) => s as `0x${string}`)

export const blobsSchema = z.strictObject({
  /** Blobs in each blob tx (random data only; given data takes as many as it fills). */
  perTx: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(maxBlobsPerTx, { error: `must be at most ${maxBlobsPerTx} (one tx's limit since Osaka)` })
    .default(1),
  /** "random" or the bytes to carry (0x-hex, split into blobs). */
  data: z.union([z.literal('random'), hexData], { error: 'must be "random" or 0x-hex bytes' }).default('random'),
  /**
   * Distinct random blobs made before the load and reused round-robin: KZG proofs cost ~0.6 s
   * per blob in pure JS, so each tx cannot have its own.
   */
  distinct: z.number().int().min(1).max(64).default(4),
})

export const authorizationSchema = z.strictObject({
  /** The contract each authority delegates to: an address, or "{{Name}}" of the workload's contracts. */
  delegate: z.string().min(1).optional(),
  /**
   * Who authorizes: `fresh` — throwaway accounts, one per authorization; `sender` — the tx's
   * sender itself first (at its nonce + 1), fresh ones for the rest of `perTx`. A self-authorizing
   * tx uses two nonces, which Anvil 1.7.1's pool does not foresee: send those one at a time
   * (sequential mode) — docs/config.md#tx-types.
   */
  authority: z.enum(['fresh', 'sender'], { error: 'must be one of: fresh, sender' }).default('fresh'),
  /** Authorizations in each EIP-7702 tx. */
  perTx: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(64, { error: 'must be at most 64' })
    .default(1),
})

export const accessListModes = ['empty', 'generated'] as const
