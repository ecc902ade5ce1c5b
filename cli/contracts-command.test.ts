import { describe, expect, it } from 'vitest'
import { writeFoundryProject } from '../test/helpers/foundry-project'
import { contractsCommand } from './contracts-command'

describe('evm-stress contracts', () => {
  it('prints name, source file and whether each deploys, needs libraries or cannot', () => {
    const { out } = writeFoundryProject()
    expect(contractsCommand(out).split('\n')).toEqual([
      '  name     source file  deployable',
      '  Counter  Counter.sol  yes',
      '  IThing   IThing.sol   no (no bytecode: an interface or abstract contract)',
      '  MathLib  Summer.sol   yes',
      '  Summer   Summer.sol   needs libraries src/Summer.sol:MathLib',
    ])
  })
})
