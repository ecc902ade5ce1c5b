import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { combinedJsonOf, compileStandardJson, counterSource, mathLibSource } from '../../test/helpers/solc'
import { ConfigError } from '../errors/base'
import solcFailed from './fixtures/solc-failed.json'
import solcOutput from './fixtures/solc-output.json'
import { loadContractInterface, requireBytecode } from './load-abi'
import { issueOf } from './test-helpers'

const vault = solcOutput.contracts['src/Vault.sol'].Vault
const mathLib = solcOutput.contracts['src/Vault.sol'].MathLib
const counterAbi = [
  { type: 'function', name: 'count', inputs: [], outputs: [{ name: '', type: 'uint256' }], stateMutability: 'view' },
  { type: 'function', name: 'increment', inputs: [], outputs: [], stateMutability: 'nonpayable' },
]

/** The shape `forge build` writes to out/Counter.sol/Counter.json. */
const foundryArtifact = {
  abi: counterAbi,
  bytecode: { object: '0x6080604052', sourceMap: '1:2:3', linkReferences: {} },
  deployedBytecode: { object: '0x6080', sourceMap: '', linkReferences: {} },
  methodIdentifiers: { 'count()': '06661abd', 'increment()': 'd09de08a' },
  rawMetadata: '{}',
  metadata: { compiler: { version: '0.8.28' }, settings: { compilationTarget: { 'src/Counter.sol': 'Counter' } } },
  id: 0,
}

/** The shape Hardhat writes to artifacts/contracts/Counter.sol/Counter.json. */
const hardhatArtifact = {
  _format: 'hh-sol-artifact-1',
  contractName: 'Counter',
  sourceName: 'contracts/Counter.sol',
  abi: counterAbi,
  bytecode: '0x6080604052',
  deployedBytecode: '0x6080',
  linkReferences: {},
  deployedLinkReferences: {},
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('loadContractInterface: formats', () => {
  it('takes a plain ABI array, as JSON text or parsed', () => {
    for (const input of [counterAbi, JSON.stringify(counterAbi)]) {
      const iface = loadContractInterface(input)
      expect(iface).toEqual({ abi: counterAbi, format: 'abi' })
    }
  })

  it('takes a Foundry artifact, naming the contract from its metadata', () => {
    const iface = loadContractInterface(JSON.stringify(foundryArtifact))
    expect(iface).toEqual({ abi: counterAbi, bytecode: '0x6080604052', name: 'Counter', format: 'foundry' })
  })

  it('takes a Hardhat artifact', () => {
    expect(loadContractInterface(hardhatArtifact)).toEqual({
      abi: counterAbi,
      bytecode: '0x6080604052',
      name: 'Counter',
      format: 'hardhat',
    })
  })

  it('takes solc standard-JSON output, picking the contract by name or File:Name', () => {
    const byName = loadContractInterface(solcOutput, { contractName: 'MathLib' })
    expect(byName).toMatchObject({ name: 'MathLib', format: 'solc-standard-json', abi: mathLib.abi })
    // solc writes bytecode without 0x; we add it.
    expect(byName.bytecode).toBe(`0x${mathLib.evm.bytecode.object}`)
    const qualified = loadContractInterface(JSON.stringify(solcOutput), { contractName: 'src/Vault.sol:IThing' })
    expect(qualified).toMatchObject({ name: 'IThing', format: 'solc-standard-json' })
  })

  it('takes a build-info file (solc output under `output`)', () => {
    const buildInfo = { _format: 'hh-sol-build-info-1', id: 'x', input: {}, output: solcOutput }
    expect(loadContractInterface(buildInfo, { contractName: 'MathLib' }).format).toBe('solc-standard-json')
  })

  it('lists the contracts when solc output has several and none is chosen', () => {
    expect(issueOf(() => loadContractInterface(solcOutput))).toEqual({
      field: 'abi',
      message: 'solc output has 3 contracts; pick one with contractName: IThing, MathLib, Vault',
    })
  })

  it('names what is there when the chosen contract is not', () => {
    expect(issueOf(() => loadContractInterface(solcOutput, { contractName: 'Token' })).message).toBe(
      'contract "Token" not found in solc output; it has: IThing, MathLib, Vault',
    )
  })

  it("shows solc's own error for a failed compilation", () => {
    expect(issueOf(() => loadContractInterface(solcFailed)).message).toBe(
      'is solc output without contracts; solc said: ParserError: Expected primary expression.',
    )
  })

  it('keeps the legacy ABI fields working: missing outputs, constant, payable, uint', () => {
    const legacy = [
      { constant: true, name: 'get', inputs: [], outputs: [{ name: '', type: 'uint' }] },
      { payable: true, type: 'function', name: 'pay', inputs: [{ name: 'x', type: 'int[2]' }] },
    ]
    expect(loadContractInterface(legacy).abi).toEqual([
      {
        constant: true,
        type: 'function',
        name: 'get',
        inputs: [],
        outputs: [{ name: '', type: 'uint256' }],
        stateMutability: 'view',
      },
      {
        payable: true,
        type: 'function',
        name: 'pay',
        inputs: [{ name: 'x', type: 'int256[2]' }],
        outputs: [],
        stateMutability: 'payable',
      },
    ])
  })
})

describe('loadContractInterface: solc --combined-json', () => {
  // Real solc 0.8.28 output, in the shape `solc --combined-json abi,bin,bin-runtime,metadata` prints.
  const counterOut = compileStandardJson({ 'Counter.sol': counterSource })
  const summerOut = compileStandardJson({ 'src/Summer.sol': mathLibSource })
  const counterBin = counterOut.contracts['Counter.sol']!.Counter!.evm.bytecode.object

  it('takes the only contract without a name, its ABI as an array or (older solc) as JSON text', () => {
    for (const abiAsString of [false, true]) {
      const iface = loadContractInterface(JSON.stringify(combinedJsonOf(counterOut, { abiAsString })))
      expect(iface).toEqual({
        abi: counterOut.contracts['Counter.sol']!.Counter!.abi,
        bytecode: `0x${counterBin}`,
        name: 'Counter',
        format: 'solc-combined-json',
      })
    }
  })

  it('picks one of several by Name or File.sol:Name, and lists them when none is chosen', () => {
    const combined = combinedJsonOf(summerOut)
    expect(Object.keys(combined.contracts)).toEqual(['src/Summer.sol:MathLib', 'src/Summer.sol:Summer'])
    expect(loadContractInterface(combined, { contractName: 'MathLib' }).name).toBe('MathLib')
    expect(loadContractInterface(combined, { contractName: 'src/Summer.sol:Summer' }).name).toBe('Summer')
    expect(issueOf(() => loadContractInterface(combined, { field: 'scenario.target.artifact' }))).toEqual({
      field: 'scenario.target.artifact',
      message: 'solc output has 2 contracts; pick one with contractName: MathLib, Summer',
    })
    expect(issueOf(() => loadContractInterface(combined, { contractName: 'Nope' })).message).toBe(
      'contract "Nope" not found in solc output; it has: MathLib, Summer',
    )
  })

  it('keeps unlinked code, naming the library from the placeholder hash and the other contracts', () => {
    const iface = loadContractInterface(combinedJsonOf(summerOut), { contractName: 'Summer' })
    expect(iface.bytecode).toBeUndefined()
    expect(iface.unlinkedLibraries).toEqual(['src/Summer.sol:MathLib'])
    expect(iface.unlinkedBytecode).toBe(`0x${summerOut.contracts['src/Summer.sol']!.Summer!.evm.bytecode.object}`)
    expect(iface.unlinkedBytecode).toMatch(/__\$[0-9a-f]{34}\$__/)
  })

  it('says what to ask solc for when the output has no ABI', () => {
    const binOnly = { contracts: { 'Counter.sol:Counter': { bin: counterBin } }, version: '0.8.28' }
    expect(issueOf(() => loadContractInterface(binOnly)).message).toBe(
      'is solc --combined-json output without any contract ABI',
    )
    const badAbi = { contracts: { 'Counter.sol:Counter': { abi: '[{', bin: counterBin } } }
    expect(issueOf(() => loadContractInterface(badAbi)).message).toBe(
      'is solc --combined-json output whose Counter.sol:Counter has an "abi" that is not JSON text',
    )
  })
})

describe('loadContractInterface: unlinked code from standard JSON', () => {
  it('keeps the bytecode with its placeholders and the link references (byte offsets)', () => {
    const out = compileStandardJson({ 'src/Summer.sol': mathLibSource })
    const evm = out.contracts['src/Summer.sol']!.Summer!.evm
    const iface = loadContractInterface(out, { contractName: 'Summer' })
    expect(iface).toMatchObject({
      unlinkedLibraries: ['src/Summer.sol:MathLib'],
      unlinkedBytecode: `0x${evm.bytecode.object}`,
      linkReferences: evm.bytecode.linkReferences,
    })
    expect(iface.bytecode).toBeUndefined()
  })
})

describe('loadContractInterface: errors', () => {
  it('says a file path is not the JSON, and where paths are read', () => {
    for (const path of ['out/Counter.sol/Counter.json', 'Counter.json', '  ./artifacts/Counter  '])
      expect(issueOf(() => loadContractInterface(path, { field: 'scenario.target.artifact' })).message).toMatch(
        /^looks like a file path \(".*"\): the CLI reads paths relative to the config file; in the web form or the API, upload or paste the artifact's JSON$/,
      )
  })

  it('says where JSON breaks', () => {
    expect(issueOf(() => loadContractInterface('[{"type": x}]'))).toEqual({
      field: 'abi',
      message: "is not valid JSON: Unexpected token 'x' at position 10 (line 1, column 11)",
    })
    expect(issueOf(() => loadContractInterface('[\n {"type":"function"\n "name":"x"}]')).message).toBe(
      "is not valid JSON: Expected ',' or '}' after property value at position 23 (line 3, column 2)",
    )
    expect(issueOf(() => loadContractInterface('[{"a":')).message).toBe(
      'is not valid JSON: Unexpected end of JSON input at position 6 (line 1, column 7)',
    )
  })

  it('points inside the text for any broken JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('}', ',', 'x', '"', ':'), (json, at, junk) => {
        const cut = at % (json.length + 1)
        const text = json.slice(0, cut) + junk + json.slice(cut)
        if (isJson(text)) return // the junk happened to keep it valid
        const { field, message } = issueOf(() => loadContractInterface(text))
        expect(field).toBe('abi')
        const position = Number(/^is not valid JSON: .* at position (\d+) \(line \d+, column \d+\)$/.exec(message)?.[1])
        expect(position).toBeGreaterThanOrEqual(0)
        expect(position).toBeLessThanOrEqual(text.length)
      }),
      { numRuns: 300 },
    )
  })

  it('never echoes the pasted text back', () => {
    const secretish = `[${'1,'.repeat(50)}oops]`
    expect(issueOf(() => loadContractInterface(secretish)).message).not.toContain('1,1,')
  })

  it.each([
    ['an object without abi', { hello: 1 }],
    ['a number', 42],
    ['null', null],
    ['JSON text of a string', '"abi"'],
  ])('rejects %s', (_, input) => {
    expect(issueOf(() => loadContractInterface(input))).toEqual({
      field: 'abi',
      message: 'is not an ABI, a Foundry/Hardhat artifact or solc output',
    })
  })

  it('rejects an empty paste', () => {
    expect(issueOf(() => loadContractInterface('  \n')).message).toMatch(/is empty/)
  })

  it.each([
    [[{ type: 'method', name: 'f' }], /item 0: type "method" is not one of function, constructor/],
    [[{ type: 'function' }], /item 0: a function needs a name/],
    [
      [{ type: 'function', name: 'f', inputs: [{ name: 'a', type: 'uint257' }] }],
      /item 0 \(function f\): inputs\[0\] has type "uint257", not an ABI type/,
    ],
    [
      [{ type: 'function', name: 'f', inputs: [{ name: 'a', type: 'tuple' }] }],
      /inputs\[0\] is a tuple without "components"/,
    ],
    [[{ type: 'function', name: 'f', inputs: {} }], /inputs must be an array/],
    [[{ type: 'function', name: 'f', stateMutability: 'readonly' }], /stateMutability "readonly"/],
    [[1], /item 0: must be an object/],
    [[{ type: 'event', name: 'E', inputs: [{ name: 'a', type: 'bytes33' }] }], /bytes33/],
  ])('rejects a bad ABI item: %j', (abi, message) => {
    const issue = issueOf(() => loadContractInterface(abi))
    expect(issue.field).toBe('abi')
    expect(issue.message).toMatch(message)
  })

  it('accepts types viem cannot encode (they fail only if a call uses them)', () => {
    const abi = [
      {
        type: 'function',
        name: 'f',
        inputs: [{ name: 'x', type: 'fixed128x18' }],
        outputs: [],
        stateMutability: 'view',
      },
    ]
    expect(loadContractInterface(abi).abi).toHaveLength(1)
  })

  it('uses the field it is told to', () => {
    expect(issueOf(() => loadContractInterface('{', { field: 'scenario.abi' })).field).toBe('scenario.abi')
  })

  it('garbage in → always a ConfigError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue(), fc.anything()), (input) => {
        try {
          loadContractInterface(input)
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('broken ABI-shaped JSON → always a ConfigError', () => {
    const param = fc.record({
      name: fc.string(),
      type: fc.oneof(fc.constantFrom('uint8', 'tuple', 'bytes', 'x'), fc.string()),
    })
    const item = fc.record(
      {
        type: fc.constantFrom('function', 'event', 'error', 'constructor', 'nope'),
        name: fc.string(),
        inputs: fc.array(param),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.array(item), fc.boolean(), (abi, asText) => {
        try {
          loadContractInterface(asText ? JSON.stringify(abi) : abi)
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('requireBytecode', () => {
  it('returns the bytecode when there is some', () => {
    expect(requireBytecode(loadContractInterface(foundryArtifact))).toBe('0x6080604052')
  })

  it('says there is none for a plain ABI or an interface', () => {
    expect(issueOf(() => requireBytecode(loadContractInterface(counterAbi)))).toEqual({
      field: 'abi',
      message: 'has no bytecode to deploy',
    })
    const iface = loadContractInterface(solcOutput, { contractName: 'IThing' })
    expect(iface.bytecode).toBeUndefined()
    expect(issueOf(() => requireBytecode(iface)).message).toBe('has no bytecode to deploy')
  })

  it('names the libraries an unlinked bytecode still needs', () => {
    const iface = loadContractInterface(solcOutput, { contractName: 'Vault' })
    expect(iface.bytecode).toBeUndefined()
    expect(iface.unlinkedLibraries).toEqual(['src/Vault.sol:MathLib'])
    expect(issueOf(() => requireBytecode(iface)).message).toBe(
      'has no bytecode to deploy: it needs libraries linked first (src/Vault.sol:MathLib)',
    )
    expect(vault.evm.bytecode.object).toContain('__$')
  })

  it('rejects a bytecode that is not hex', () => {
    expect(issueOf(() => loadContractInterface({ ...hardhatArtifact, bytecode: '0xzz' })).message).toBe(
      'has a bytecode that is not valid hex',
    )
  })
})
