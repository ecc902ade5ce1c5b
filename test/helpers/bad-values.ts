import fc from 'fast-check'
import { getAddress } from 'viem'

/** The bad values the generated configs are made of: each one no parser of ours accepts. */
export type BadConfig = { what: string; config: Record<string, unknown>; field: string }

/** Valid on its own: every generated config breaks it in one place. */
export const baseConfig = { name: 'fuzz', mode: 'sequential', txs: 2, accounts: 1 } as const

// ── Values of the wrong kind ────────────────────────────────────────────────────────────────

/** Text that no parser of ours takes for a number, an address, hex, an enum value or a URL. */
export const huge = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n))
export const junkText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map((s) => `z${s}`) },
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map((s) => `${s}~q`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('', ' ', 'NaN', 'Infinity', '-', '0x', '0xg1', 'null', 'true', '{}', '[]', '1e3', '١٢٣'),
  },
  { weight: 1, arbitrary: huge },
)
export const notANumber = fc.oneof(
  junkText,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.nat(), { maxLength: 3 }),
  fc.constant({}),
)
export const fraction = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((d) => !Number.isInteger(d))

/** A whole number outside [min, max], or no whole number at all. */
export const badInt = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: -1_000_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: max + 1_000_000_000 }),
    fc.constantFrom(1e21, -1e21, Number.MAX_SAFE_INTEGER + 2),
    fraction,
    notANumber,
  )
/** Wei: a whole non-negative number (decimal or 0x text, or a safe integer). */
export const badWei = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fraction,
  fc.constantFrom(1e21, '1.5', '-1', '1e18', '0x', '0xzz', ' ', '12 34', '1_000'),
  junkText,
  fc.boolean(),
  fc.constant(null),
  fc.constant([1]),
)
export const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 1, 0, 'yes', null),
  fc.array(fc.boolean(), { maxLength: 2 }),
)
export const badEnum = fc.oneof(
  junkText,
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('Sequential', 'CONCURRENT', ' concurrent'),
)

/** 0x + hex of the wrong length, non-hex characters, no 0x, or no string at all. */
export const badHex = (bytes: number) =>
  fc.oneof(
    fc
      .integer({ min: 0, max: 2 * bytes + 10 })
      .filter((n) => n !== 2 * bytes)
      .map((n) => `0x${'a'.repeat(n)}`),
    fc.constant(`0x${'g'.repeat(2 * bytes)}`),
    fc.constant('ab'.repeat(bytes)),
    fc.integer(),
    fc.constant(null),
  )
/**
 * A checksummed address with one letter's case flipped: the checksum no longer holds. The result
 * must stay mixed-case: flipping the one capital of an address makes it all lower case, which is
 * a valid address with no checksum to break.
 */
export const wrongChecksum = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`))
  .filter((a) => /[a-fA-F]/.test(a.slice(2)))
  .map((a) => {
    const i = a.slice(2).search(/[a-fA-F]/) + 2
    const c = a[i] as string
    return `${a.slice(0, i)}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}${a.slice(i + 1)}`
  })
  .filter((a) => /[a-f]/.test(a.slice(2)) && /[A-F]/.test(a.slice(2)))
export const badAddress = fc.oneof(badHex(20), junkText)

/** Strings that are no http(s)/ws(s) URL: no scheme, another scheme, or a broken host or port. */
export const badUrl = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/:/g, '')),
  fc.constantFrom(
    '',
    '127.0.0.1:8545',
    'localhost',
    'http://',
    'http://[::1',
    'http://:8545',
    'http://127.0.0.1:99999',
    'http://127.0.0.1:-1',
    'http://127.0.0.1:0',
    'ftp://127.0.0.1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'mailto:a@b.c',
    'htp://127.0.0.1:8545',
    'http//127.0.0.1:8545',
    'http://a b:8545',
  ),
  fc
    .tuple(
      fc.constantFrom('http', 'https', 'ws', 'wss'),
      fc.stringMatching(/^[a-z0-9]{1,10}$/),
      fc.constantFrom(' ', '<', '^', '|'),
    )
    .map(([scheme, host, bad]) => `${scheme}://${host}${bad}${host}:8545`),
  fc.integer(),
  fc.constant(null),
  fc.constant({ url: 'http://127.0.0.1:8545' }),
)

/** Nested arrays, `depth` deep, around a value. */
export const nested = (depth: number, inner: unknown = 1): unknown => {
  let v: unknown = inner
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

// ── One top-level field broken ──────────────────────────────────────────────────────────────
