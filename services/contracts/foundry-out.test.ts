import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAt, writeFoundryProject } from '../../test/helpers/foundry-project'
import { issueOf } from '../abi/test-helpers'
import { findFoundryContract, listFoundryContracts } from './foundry-out'

const { dir, out } = writeFoundryProject()

describe('listFoundryContracts', () => {
  it('lists every artifact with its source file, whether it deploys and the libraries it needs', () => {
    expect(listFoundryContracts(out)).toEqual([
      {
        name: 'Counter',
        file: 'Counter.sol',
        path: join(out, 'Counter.sol/Counter.json'),
        deployable: true,
        libraries: [],
      },
      {
        name: 'IThing',
        file: 'IThing.sol',
        path: join(out, 'IThing.sol/IThing.json'),
        deployable: false,
        libraries: [],
      },
      {
        name: 'MathLib',
        file: 'Summer.sol',
        path: join(out, 'Summer.sol/MathLib.json'),
        deployable: true,
        libraries: [],
      },
      {
        name: 'Summer',
        file: 'Summer.sol',
        path: join(out, 'Summer.sol/Summer.json'),
        deployable: true,
        libraries: ['src/Summer.sol:MathLib'],
      },
    ])
  })

  it('names a missing directory, and marks a file that is no artifact instead of skipping it silently', () => {
    expect(issueOf(() => listFoundryContracts(join(dir, 'nope'))).message).toBe(`${join(dir, 'nope')} cannot be read`)
    const other = join(dir, 'other-out')
    writeAt(other, 'Broken.sol/Broken.json', '{ not json')
    const [broken] = listFoundryContracts(other)
    expect(broken).toMatchObject({ name: 'Broken', file: 'Broken.sol', deployable: false })
    expect(broken?.problem).toMatch(/^is not valid JSON/)
  })
})

describe('findFoundryContract', () => {
  const field = 'scenario.contracts.Pool.artifact'

  it('finds a contract by name', () => {
    expect(findFoundryContract(out, 'Counter', field).path).toBe(join(out, 'Counter.sol/Counter.json'))
    expect(findFoundryContract(out, 'Summer.sol:Summer', field).name).toBe('Summer')
  })

  it('lists the contracts there are when the name is unknown', () => {
    expect(issueOf(() => findFoundryContract(out, 'Pool', field))).toEqual({
      field,
      message: `no contract "Pool" in ${out}; it has: Counter, MathLib, Summer`,
    })
  })

  it('lists File.sol:Name choices when two files define the name, and takes the qualified one', () => {
    const twice = join(dir, 'twice-out')
    const text = readFileSync(join(out, 'Counter.sol/Counter.json'), 'utf8')
    writeAt(twice, 'Counter.sol/Counter.json', text)
    writeAt(twice, 'legacy/Counter.sol/Counter.json', text)
    expect(issueOf(() => findFoundryContract(twice, 'Counter', field))).toEqual({
      field,
      message: `contract "Counter" is in several files of ${twice}; pick one of: Counter.sol:Counter, legacy/Counter.sol:Counter`,
    })
    expect(findFoundryContract(twice, 'legacy/Counter.sol:Counter', field).path).toBe(
      join(twice, 'legacy/Counter.sol/Counter.json'),
    )
    expect(findFoundryContract(twice, 'Counter.sol:Counter', field).path).toBe(join(twice, 'Counter.sol/Counter.json'))
  })
})
