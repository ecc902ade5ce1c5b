import { causeChain } from '../errors/cause-chain'

/**
 * An answer over the transport's size limit (docs/architecture.md#reading-blocks): blocks of
 * thousands of txs make one batch of receipt reads larger than any limit a client should hold.
 */
export function isTooLarge(error: unknown): boolean {
  for (const e of causeChain(error))
    if (typeof e === 'object' && (e as { name?: unknown }).name === 'ResponseBodyTooLargeError') return true
  return false
}

/**
 * Reads `items` in groups of at most `budget` weight, one group at a time (each its own request),
 * and reads a group whose answer was too large again in halves. A single item that is still too
 * large goes to `one`, or fails.
 */
export async function readInPieces<T, R>(p: {
  items: readonly T[]
  weight: (item: T) => number
  budget: number
  read: (group: T[]) => Promise<R[]>
  one?: (item: T) => Promise<R>
}): Promise<R[]> {
  const out: R[] = []
  let group: T[] = []
  let weight = 0
  const flush = async () => {
    if (group.length) out.push(...(await readSplitting(group, p.read, p.one)))
    group = []
    weight = 0
  }
  for (const item of p.items) {
    const w = p.weight(item)
    if (group.length && weight + w > p.budget) await flush()
    group.push(item)
    weight += w
  }
  await flush()
  return out
}

async function readSplitting<T, R>(
  group: T[],
  read: (group: T[]) => Promise<R[]>,
  one: ((item: T) => Promise<R>) | undefined,
): Promise<R[]> {
  try {
    return await read(group)
  } catch (error) {
    if (!isTooLarge(error)) throw error
    const [only] = group
    if (group.length === 1 && only !== undefined) {
      if (!one) throw error
      return [await one(only)]
    }
    const half = Math.ceil(group.length / 2)
    return [
      ...(await readSplitting(group.slice(0, half), read, one)),
      ...(await readSplitting(group.slice(half), read, one)),
    ]
  }
}
