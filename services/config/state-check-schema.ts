import { z } from 'zod'

const amount = z.union(
  [
    z.number().int({ error: 'must be a whole number' }),
    z.string().regex(/^-?(0x[0-9a-fA-F]+|[0-9]+)$/, { error: 'must be a whole number (decimal or 0x-hex)' }),
  ],
  { error: 'must be a whole number (decimal or 0x-hex)' },
)

/**
 * A view-function assertion on the target contract, read before and after the run: the run
 * proves the contract stayed correct under load, not only that its txs were mined.
 */
export const stateCheckSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  /** A view/pure function of the target: name, signature or selector. */
  call: z.string().min(1, { error: 'must name a view function, e.g. "totalSupply()"' }),
  args: z.array(z.unknown()).max(32).default([]),
  expect: z.union(
    [
      z.literal('unchanged'),
      /** After ≥ before: a quantity the contract promises never goes down (an AMM's k per share). */
      z.literal('notDecreased'),
      z.strictObject({ equals: z.union([amount, z.boolean(), z.string()]) }),
      z.strictObject({ atLeast: amount }),
      z.strictObject({ atMost: amount }),
      z.strictObject({ increasedBy: amount }),
      /** After − before = the run's mined txs × this (e.g. 1 for a counter's increments). */
      z.strictObject({ increasedByMined: amount }),
    ],
    {
      error:
        'must be "unchanged", "notDecreased" or one of {equals}, {atLeast}, {atMost}, {increasedBy}, {increasedByMined}',
    },
  ),
})

export type StateCheckConfig = z.output<typeof stateCheckSchema>
