import { z } from 'zod'
import { isObject } from './json'

export const argKinds = [
  'fixed',
  'sequence',
  'random',
  'oneOf',
  'sender',
  'account',
  'contract',
  'balanceFraction',
  'now',
] as const

/** A whole number for sequences and ranges: JSON numbers only while exact, else a string. */
const integer = z
  .union([z.bigint(), z.number(), z.string()], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number, decimal or 0x hex'),
  })
  .transform((v, ctx) => {
    if (typeof v === 'bigint') return v
    if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v)
    const text = String(v).trim()
    if (typeof v === 'string' && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(text)) return BigInt(text)
    const unsafe = typeof v === 'number' && Number.isInteger(v)
    ctx.addIssue({
      code: 'custom',
      message: unsafe
        ? 'is beyond 2^53, where JSON numbers lose digits; pass it as a string'
        : 'must be a whole number',
    })
    return z.NEVER
  })

const rawValue = z.unknown().refine((v) => v !== undefined, { error: 'is required' })

const spec = z.discriminatedUnion(
  'kind',
  [
    /** The same value for every tx; parsed by the ABI type like a plain argument. */
    z.strictObject({ kind: z.literal('fixed'), value: rawValue }),
    /**
     * start, start+step, start+2·step, … by tx index; with `format` ("name-{i}"), that number in a
     * string (or its UTF-8 bytes): a unique name per tx.
     */
    z.strictObject({
      kind: z.literal('sequence'),
      start: integer.default(0n),
      step: integer.default(1n),
      format: z.string().max(256).includes('{i}', { error: 'must hold {i}, where the number goes' }).optional(),
    }),
    /** Uniform in [min, max], inclusive; reproducible from the run's seed. */
    z
      .strictObject({ kind: z.literal('random'), min: integer, max: integer })
      .refine((r) => r.min <= r.max, { error: 'must be at least min', path: ['max'] }),
    /** One of the values at random; each is parsed by the ABI type. */
    z.strictObject({
      kind: z.literal('oneOf'),
      values: z.array(rawValue).min(1, { error: 'needs at least one value' }),
    }),
    /** The address sending the tx. */
    z.strictObject({ kind: z.literal('sender') }),
    /** Another run account: this index, or (absent) the one after the sender. */
    z.strictObject({
      kind: z.literal('account'),
      index: z
        .number()
        .int({ error: 'must be a whole number' })
        .min(0, { error: 'must be 0 or more' })
        .max(1_000_000, { error: 'must be at most 1000000' })
        .optional(),
    }),
    /** A workload contract's address, by its name. */
    z.strictObject({ kind: z.literal('contract'), name: z.string().min(1, { error: 'must name a contract' }) }),
    /**
     * A fraction of the sender's balance of a workload token (its `balanceOf(address)`), read when
     * the load starts: each sender spends a share of what it holds.
     */
    z.strictObject({
      kind: z.literal('balanceFraction'),
      contract: z.string().min(1, { error: 'must name a contract' }),
      fraction: z
        .number({ error: 'must be a number' })
        .gt(0, { error: 'must be more than 0' })
        .max(1, { error: 'must be at most 1' }),
    }),
    /** The chain's time in seconds (last block's timestamp, moved on by wall time) plus `plus`: a deadline. */
    z.strictObject({
      kind: z.literal('now'),
      plus: z.number().int({ error: 'must be whole seconds' }).min(-86_400_000).max(86_400_000).default(0),
    }),
  ],
  { error: `must be one of: ${argKinds.join(', ')}` },
)

/**
 * How one top-level argument gets its value per tx. Anything without a `kind` key is shorthand
 * for `{ kind: 'fixed', value }` (write `{ kind: 'fixed', value: {...} }` for a tuple whose
 * component is itself called `kind`).
 */
export const argSpecSchema = z.preprocess((v) => (isObject(v) && 'kind' in v ? v : { kind: 'fixed', value: v }), spec)

export type ArgSpec = z.output<typeof argSpecSchema>
/** A raw value given as the spec itself: a string, number, array, or a tuple as `{ component: value }`. */
export type FixedShorthand = string | number | bigint | boolean | readonly unknown[] | { [component: string]: unknown }
export type ArgSpecInput = z.input<typeof spec> | FixedShorthand
