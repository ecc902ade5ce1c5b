import fc from 'fast-check'
import { getAddress, toFunctionSelector } from 'viem'
import { limits, testConfigSchema } from '../../services/config/schema'

/**
 * Generated bad test configs for the fuzz tests of the API and the CLI. Each is a valid config
 * with exactly one thing wrong, and says which field the error must name: a config error that
 * does not name it is as much a failure as a crash.
 */
export type BadConfig = { what: string; config: Record<string, unknown>; field: string }

/** Valid on its own: every generated config breaks it in one place. */
export const baseConfig = { name: 'fuzz', mode: 'sequential', txs: 2, accounts: 1 } as const

// ── Values of the wrong kind ────────────────────────────────────────────────────────────────

/** Text that no parser of ours takes for a number, an address, hex, an enum value or a URL. */
const huge = fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n))
const junkText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map((s) => `z${s}`) },
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map((s) => `${s}~q`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('', ' ', 'NaN', 'Infinity', '-', '0x', '0xg1', 'null', 'true', '{}', '[]', '1e3', '١٢٣'),
  },
  { weight: 1, arbitrary: huge },
)
const notANumber = fc.oneof(
  junkText,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.nat(), { maxLength: 3 }),
  fc.constant({}),
)
const fraction = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((d) => !Number.isInteger(d))

/** A whole number outside [min, max], or no whole number at all. */
const badInt = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: -1_000_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: max + 1_000_000_000 }),
    fc.constantFrom(1e21, -1e21, Number.MAX_SAFE_INTEGER + 2),
    fraction,
    notANumber,
  )
/** Wei: a whole non-negative number (decimal or 0x text, or a safe integer). */
const badWei = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fraction,
  fc.constantFrom(1e21, '1.5', '-1', '1e18', '0x', '0xzz', ' ', '12 34', '1_000'),
  junkText,
  fc.boolean(),
  fc.constant(null),
  fc.constant([1]),
)
const notABoolean = fc.oneof(
  fc.constantFrom('true', 'false', 1, 0, 'yes', null),
  fc.array(fc.boolean(), { maxLength: 2 }),
)
const badEnum = fc.oneof(
  junkText,
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('Sequential', 'CONCURRENT', ' concurrent'),
)

/** 0x + hex of the wrong length, non-hex characters, no 0x, or no string at all. */
const badHex = (bytes: number) =>
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
/** A checksummed address with one letter's case flipped: the checksum no longer holds. */
const wrongChecksum = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`))
  .filter((a) => /[a-fA-F]/.test(a.slice(2)))
  .map((a) => {
    const i = a.slice(2).search(/[a-fA-F]/) + 2
    const c = a[i] as string
    return `${a.slice(0, i)}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}${a.slice(i + 1)}`
  })
const badAddress = fc.oneof(badHex(20), junkText)

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

const topLevel: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(
    fc.constantFrom('', '   '),
    fc.integer({ min: 121, max: 200_000 }).map((n) => 'n'.repeat(n)),
    fc.integer(),
    fc.constant(null),
  ),
  mode: badEnum,
  txs: badInt(1, limits.txs),
  accounts: badInt(1, limits.accounts),
  concurrency: badInt(1, limits.concurrency),
  batchSize: badInt(1, limits.batchSize),
  delayMs: badInt(0, 3_600_000),
  retries: badInt(0, 20),
  inclusionTimeoutMs: badInt(1_000, 3_600_000),
  stuckAfterMs: badInt(500, 3_600_000),
  requestTimeoutMs: badInt(100, 600_000),
  nodeDownAfterMs: badInt(500, 3_600_000),
  rate: fc.oneof(
    fc.double({ min: -1e9, max: 0, noNaN: true }),
    fc.double({ min: limits.rate + 1, max: 1e12, noNaN: true }),
    notANumber,
  ),
  blockTime: fc.oneof(
    fc.double({ min: -100, max: 0, noNaN: true }),
    fc.double({ min: 3601, max: 1e9, noNaN: true }),
    notANumber,
  ),
  value: badWei,
  gasLimit: badWei,
  maxFeePerGas: badWei,
  maxPriorityFeePerGas: badWei,
  fundWith: badWei,
  lowBalanceWei: badWei,
  to: badAddress,
  rotation: badEnum,
  funding: badEnum,
  mining: badEnum,
  stuckRemedy: badEnum,
  waitForReceipt: notABoolean,
  allowNonDevChain: notABoolean,
  nodeAccounts: notABoolean,
  topUp: notABoolean,
  rpcUrl: badUrl,
  mnemonic: fc.oneof(
    junkText,
    fc.constantFrom(
      'abandon '.repeat(12).trim(),
      'legal winner thank year wave sausage worth useful legal winner thank',
    ),
    fc.integer(),
  ),
  privateKeys: fc.oneof(
    fc.constant([]),
    badHex(32).map((k) => [k]),
    badHex(32).map((k) => [`0x${'11'.repeat(32)}`, k]),
    junkText,
    fc.constant(Array(limits.accounts + 1).fill(`0x${'11'.repeat(32)}`)),
  ),
  impersonate: fc.oneof(
    fc.constant([]),
    badAddress.map((a) => [a]),
    junkText,
  ),
  funderKey: badHex(32),
  stages: fc.oneof(
    fc.constant([]),
    fc.constant([{ durationMs: 1000 }]),
    fc.constant([
      { durationMs: 1000, rate: 5 },
      { durationMs: 1000, concurrency: 5 },
    ]),
    badInt(100, 86_400_000).map((durationMs) => [{ durationMs, rate: 5 }]),
    fc.constant(Array(21).fill({ durationMs: 1000, rate: 1 })),
    fc.constant([{ durationMs: 1000, rate: 5, bogus: 1 }]),
    junkText,
  ),
  scenario: fc.oneof(
    junkText.filter(
      (s) =>
        !['transfer', 'rapid-transfer', 'concurrent-users', 'batch-operations', 'gas-limit', 'custom-call'].includes(s),
    ),
    fc.integer(),
    fc.constant({}),
    fc.constant([]),
    fc.constant({ name: 'transfer', bogus: true }),
    fc.record({ name: fc.constant('rapid-transfer'), token: badEnum }),
    fc.record({ name: fc.constant('rapid-transfer'), amount: badWei }),
    fc.record({ name: fc.constant('concurrent-users'), journeysPerUser: badInt(1, 10_000) }),
    fc.record({ name: fc.constant('batch-operations'), opsPerTx: badInt(2, 500) }),
    fc.record({
      name: fc.constant('gas-limit'),
      rampFrom: fc.oneof(fc.double({ min: 1.01, max: 100, noNaN: true }), fc.constant(0), notANumber),
    }),
    fc.record({
      name: fc.constant('gas-limit'),
      rampTo: fc.oneof(fc.double({ min: 2.01, max: 100, noNaN: true }), fc.constant(0.5), notANumber),
    }),
    fc.record({ name: fc.constant('gas-limit'), rampSteps: badInt(2, 1000) }),
    fc.record({ name: fc.constant('gas-limit'), fillTxs: badInt(0, 100_000) }),
  ),
}
/** Fields whose own values are fine, where the mistake is elsewhere (combinations, sources). */
const combinations: fc.Arbitrary<BadConfig> = fc.constantFrom(
  {
    what: 'stages outside concurrent mode',
    config: { ...baseConfig, stages: [{ durationMs: 1000, rate: 5 }] },
    field: 'stages',
  },
  {
    what: 'two sources of senders',
    config: { ...baseConfig, nodeAccounts: true, impersonate: ['0x00000000000000000000000000000000000000aa'] },
    field: 'impersonate',
  },
)

/** A key the schema does not know, including names Object.prototype has. */
const unknownKey = fc
  .oneof(
    fc.constantFrom(
      '',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'prototype',
      'Txs',
      'tx',
      'rpc_url',
      'allow',
    ),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/),
  )
  .filter((k) => !Object.hasOwn(testConfigSchema.shape, k))

export const badTopLevel: fc.Arbitrary<BadConfig> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(...Object.keys(topLevel)).chain((key) =>
      (topLevel[key] as fc.Arbitrary<unknown>).map((value) => ({
        what: `${key} = ${JSON.stringify(value)?.slice(0, 60)}`,
        config: { ...baseConfig, [key]: value },
        field: key,
      })),
    ),
  },
  {
    weight: 1,
    arbitrary: unknownKey.chain((key) =>
      fc
        .jsonValue({ maxDepth: 2 })
        // An empty key is named `""`.
        .map((value) => ({ what: `unknown key ${key}`, config: { ...baseConfig, [key]: value }, field: key || '""' })),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('txs', 'accounts', 'mode', 'value', 'rpcUrl').chain((key) =>
      fc.integer({ min: 2, max: 60 }).map((depth) => ({
        what: `${key} nested ${depth} deep`,
        config: { ...baseConfig, [key]: nested(depth) },
        field: key,
      })),
    ),
  },
  { weight: 1, arbitrary: combinations },
)

// ── A custom call broken in its ABI, function, arguments or generators ──────────────────────

const target = '0x00000000000000000000000000000000000000aa'
/** f(uint8 a, address b, bool c, bytes4 d, string e, uint256[2] g, (uint8 x, address y) t), and a view. */
export const fuzzAbi = [
  {
    type: 'function',
    name: 'f',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'a', type: 'uint8' },
      { name: 'b', type: 'address' },
      { name: 'c', type: 'bool' },
      { name: 'd', type: 'bytes4' },
      { name: 'e', type: 'string' },
      { name: 'g', type: 'uint256[2]' },
      {
        name: 't',
        type: 'tuple',
        components: [
          { name: 'x', type: 'uint8' },
          { name: 'y', type: 'address' },
        ],
      },
    ],
    outputs: [],
  },
  { type: 'function', name: 'v', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint256' }] },
]
const okArgs: unknown[] = ['7', target, true, '0x01020304', 'hi', ['1', '2'], { x: 1, y: target }]
const fSelector = toFunctionSelector('f(uint8,address,bool,bytes4,string,uint256[2],(uint8,address))')

const call = (patch: Record<string, unknown>) => ({
  ...baseConfig,
  scenario: { name: 'custom-call', target: { address: target, abi: fuzzAbi }, function: 'f', args: okArgs, ...patch },
})

/** Type strings that are not ABI types. */
export const badAbiType = fc.oneof(
  fc.constantFrom(
    'uint7',
    'uint264',
    'int0',
    'uint08',
    'bytes0',
    'bytes33',
    'bytes01',
    'foo',
    '',
    'uint8[0]',
    'uint8[-1]',
    'uint8[',
    'address]',
    'uint8[99999999999999999999]',
    'tuple',
    'Uint8',
  ),
  fc.string({ maxLength: 30 }).map((s) => `~${s}`),
  // Thousands of array dimensions: no compiler writes that, and a naive parser recurses once per `[]`.
  fc.integer({ min: 130, max: 60_000 }).map((n) => `uint8${'[]'.repeat(n)}`),
)
const badItem = fc.oneof(
  fc.constantFrom(
    1,
    'function',
    null,
    [],
    { type: 'fn', name: 'f' },
    { type: 'function' },
    { type: 'function', name: '1f' },
  ),
  fc.constant({ type: 'function', name: 'f', inputs: 'uint8' }),
  fc.constant({ type: 'function', name: 'f', inputs: [], stateMutability: 'cheap' }),
  fc.constant({ type: 'function', name: 'f', inputs: [{ name: 'x' }] }),
  fc.constant({ type: 'function', name: 'f', inputs: [{ name: 1, type: 'uint8' }] }),
  badAbiType.map((type) => ({ type: 'function', name: 'f', inputs: [{ name: 'x', type }], outputs: [] })),
  badAbiType.map((type) => ({ type: 'event', name: 'E', inputs: [{ name: 'x', type }] })),
  // Tuples nested ever deeper, the innermost one broken.
  fc.integer({ min: 1, max: 25 }).map((depth) => {
    let param: Record<string, unknown> = { name: 'x', type: 'tuple' }
    for (let i = 0; i < depth; i++) param = { name: 'x', type: 'tuple', components: [param] }
    return { type: 'function', name: 'f', inputs: [param] }
  }),
)
export const badAbi = fc.oneof(
  junkText.filter((s) => s !== '[]'), // an empty ABI is a fine ABI (the function is then missing)
  fc.constantFrom(1, true, null, {}, { abi: 'x' }, { abi: {} }, '[', '{"abi": 5}', { abi: [1], bytecode: 5 }),
  // solc standard-JSON output of odd shapes.
  fc.constantFrom(
    { contracts: 5 },
    { contracts: {} },
    { contracts: { 'a.sol': 5 } },
    { contracts: { 'a.sol': { A: 5 } } },
    { contracts: { 'a.sol': { A: { abi: 5 } } } },
    { contracts: { 'a.sol': { A: { abi: [1], evm: 5 } } } },
    { errors: [1] },
    { errors: [{ severity: 'error', message: 'x' }] },
    { output: { contracts: { 'a.sol': [] } } },
  ),
  badItem.map((item) => [...fuzzAbi, item]),
  badItem.map((item) => JSON.stringify([item])),
)

/** A wrong value for each parameter of f, by type. */
const badArgValue: fc.Arbitrary<unknown>[] = [
  // uint8
  fc.oneof(
    fc.integer({ min: 256, max: 1_000_000 }),
    fc.integer({ min: -1_000_000, max: -1 }),
    fc.bigInt({ min: 256n, max: 2n ** 300n }).map(String),
    fraction,
    junkText,
    fc.constantFrom(null, true, [1], {}),
  ),
  // address
  fc.oneof(badAddress, wrongChecksum, fc.constantFrom(true, [target], {})),
  // bool
  fc.oneof(
    fc.integer().filter((n) => n !== 0 && n !== 1),
    fc.string({ maxLength: 20 }).filter((s) => !['true', 'false', '1', '0'].includes(s.trim().toLowerCase())),
    fc.constantFrom(null, [], {}),
  ),
  // bytes4
  fc.oneof(badHex(4), junkText),
  // string
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({ s: 'x' })),
  // uint256[2]
  fc.oneof(
    fc.array(fc.constant('1'), { maxLength: 6 }).filter((a) => a.length !== 2),
    fc.constant(['1', 'z']),
    fc.constant(['-1', '1']),
    junkText.filter((s) => !s.trim().startsWith('[')),
    fc.constant(5),
  ),
  // (uint8 x, address y)
  fc.oneof(
    fc.constant({ x: 1 }),
    fc.constant({ x: 1, y: target, z: 2 }),
    fc.constant({ x: 300, y: target }),
    fc.constant({ x: 1, y: '0x12' }),
    fc.constant([1]),
    fc.constant([1, target, 3]),
    junkText.filter((s) => !/^\s*[[{]/.test(s)),
  ),
]

/** A broken generator spec for the argument at `i` (0: uint8, 1: address). */
const badSpec = fc.oneof(
  fc.bigInt({ min: 1n, max: 255n }).map((max) => ({
    i: 0,
    spec: { kind: 'random', min: String(max), max: String(max - 1n) },
    field: 'scenario.args[0].max',
  })),
  junkText.map((start) => ({ i: 0, spec: { kind: 'sequence', start }, field: 'scenario.args[0].start' })),
  fc.constantFrom(
    { i: 0, spec: { kind: 'random', min: '0' }, field: 'scenario.args[0].max' },
    { i: 0, spec: { kind: 'random', min: '0', max: '256' }, field: 'scenario.args[0]' },
    { i: 0, spec: { kind: 'sequence', start: '250', step: '10' }, field: 'scenario.args[0]' },
    { i: 0, spec: { kind: 'sender' }, field: 'scenario.args[0]' },
    { i: 0, spec: { kind: 'oneOf', values: [] }, field: 'scenario.args[0].values' },
    { i: 0, spec: { kind: 'oneOf', values: ['1', '256'] }, field: 'scenario.args[0]' },
    { i: 0, spec: { kind: 'fixed' }, field: 'scenario.args[0].value' },
    { i: 0, spec: { kind: 'sequence', bogus: 1 }, field: 'scenario.args[0].bogus' },
    { i: 1, spec: { kind: 'account', index: -1 }, field: 'scenario.args[1].index' },
    { i: 1, spec: { kind: 'account', index: 1.5 }, field: 'scenario.args[1].index' },
    { i: 1, spec: { kind: 'account', index: 5 }, field: 'scenario.args[1].index' },
    { i: 1, spec: { kind: 'random', min: '0', max: '1' }, field: 'scenario.args[1]' },
    { i: 2, spec: { kind: 'account' }, field: 'scenario.args[2]' },
  ),
  junkText.map((kind) => ({ i: 3, spec: { kind }, field: 'scenario.args[3]' })),
)

export const badCustomCall: fc.Arbitrary<BadConfig> = fc.oneof(
  badAbi.map((abi) => ({
    what: `abi ${JSON.stringify(abi)?.slice(0, 80)}`,
    config: call({ target: { address: target, abi } }),
    field: 'scenario.target.abi',
  })),
  fc
    .oneof(
      fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,20}$/).filter((n) => n !== 'f' && n !== 'v'),
      fc.constantFrom('f()', 'f(uint8)', 'v', 'v()', '0x12345678', 'F'),
      fc.stringMatching(/^0x[0-9a-f]{8}$/).filter((s) => s !== fSelector),
    )
    .map((fn) => ({ what: `function ${fn}`, config: call({ function: fn }), field: 'scenario.function' })),
  fc
    .constantFrom('', 5, null)
    .map((fn) => ({ what: `function ${fn}`, config: call({ function: fn }), field: 'scenario.function' })),
  fc.integer({ min: 0, max: okArgs.length - 1 }).chain((i) =>
    (badArgValue[i] as fc.Arbitrary<unknown>).map((value) => {
      const args = [...okArgs]
      args[i] = value
      return {
        what: `args[${i}] = ${JSON.stringify(value)?.slice(0, 60)}`,
        config: call({ args }),
        field: `scenario.args[${i}]`,
      }
    }),
  ),
  badSpec.map(({ i, spec, field }) => {
    const args = [...okArgs]
    args[i] = spec
    return { what: `args[${i}] spec ${JSON.stringify(spec)}`, config: call({ args }), field }
  }),
  fc
    .integer({ min: 0, max: 12 })
    .filter((n) => n !== okArgs.length)
    .map((n) => ({
      what: `${n} args`,
      config: call({ args: Array.from({ length: n }, (_, i) => okArgs[i % okArgs.length]) }),
      field: 'scenario.args',
    })),
  fc.constantFrom<BadConfig>(
    { what: 'args not an array', config: call({ args: 'a,b' }), field: 'scenario.args' },
    {
      what: 'target address bad',
      config: call({ target: { address: '0x12', abi: fuzzAbi } }),
      field: 'scenario.target',
    },
    { what: 'target builtin unknown', config: call({ target: { builtin: 'Nope' } }), field: 'scenario.target' },
    { what: 'target empty', config: call({ target: {} }), field: 'scenario.target' },
    {
      what: 'target mixed',
      config: call({ target: { address: target, builtin: 'Counter' } }),
      field: 'scenario.target',
    },
    {
      what: 'artifact without bytecode',
      config: call({ target: { artifact: { abi: fuzzAbi } } }),
      field: 'scenario.target.artifact',
    },
    {
      what: 'artifact with bad bytecode',
      config: call({ target: { artifact: { abi: fuzzAbi, bytecode: '0xzz' } } }),
      field: 'scenario.target.artifact',
    },
    { what: 'read-only function', config: call({ function: 'v' }), field: 'scenario.function' },
    { what: 'unknown option', config: call({ gasPrice: 1 }), field: 'scenario.gasPrice' },
  ),
  badWei.map((value) => ({
    what: `call value ${JSON.stringify(value)}`,
    config: call({ value }),
    field: 'scenario.value',
  })),
  badWei.map((gas) => ({ what: `call gas ${JSON.stringify(gas)}`, config: call({ gas }), field: 'scenario.gas' })),
  fc
    .oneof(fraction, notANumber)
    .map((seed) => ({ what: `seed ${JSON.stringify(seed)}`, config: call({ seed }), field: 'scenario.seed' })),
)

/** Any one of the above. */
export const badConfig: fc.Arbitrary<BadConfig> = fc.oneof(
  { weight: 3, arbitrary: badTopLevel },
  { weight: 2, arbitrary: badCustomCall },
)

/** True when some issue names the field, or a part of it (`scenario.args[0]` covers `scenario.args[0].max`). */
export function namesField(issues: readonly { field: string }[], field: string): boolean {
  return issues.some((i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`))
}
