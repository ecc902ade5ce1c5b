import fc from 'fast-check'
import { toFunctionSelector } from 'viem'
import {
  type BadConfig,
  badAddress,
  badHex,
  badWei,
  baseConfig,
  fraction,
  junkText,
  notANumber,
  wrongChecksum,
} from './bad-values'

export const target = '0x00000000000000000000000000000000000000aa'
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
export const okArgs: unknown[] = ['7', target, true, '0x01020304', 'hi', ['1', '2'], { x: 1, y: target }]
export const fSelector = toFunctionSelector('f(uint8,address,bool,bytes4,string,uint256[2],(uint8,address))')

export const call = (patch: Record<string, unknown>) => ({
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
export const badItem = fc.oneof(
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
export const badArgValue: fc.Arbitrary<unknown>[] = [
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
export const badSpec = fc.oneof(
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
