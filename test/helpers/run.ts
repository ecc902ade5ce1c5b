import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'
import type { NodeHandle } from '../../services/chain/node-handle'
import { parseTestConfig } from '../../services/config/parse'
import type { TestConfigInput } from '../../services/config/schema'
import { startRunSession } from '../../services/runs/run-session'
import { openDb } from '../../services/store/db'
import type { PlannedTx } from '../../services/testing/tx'

/** Not Anvil's dev mnemonic: the accounts start empty, so funding is exercised too. */
export const testMnemonic =
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'

/** A new random mnemonic: a test's own accounts, untouched by the other tests on the same node. */
export function freshMnemonic(): string {
  return generateMnemonic(wordlist, 128)
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'evm-stress-test-'))
}

/** Starts a run the way the CLI and server do, with a throwaway data dir. */
export function startTestRun(
  node: NodeHandle,
  input: TestConfigInput,
  extra: { plan?: Iterable<PlannedTx> } = {},
  dataDir = tempDataDir(),
) {
  const config = parseTestConfig({ mnemonic: testMnemonic, ...input })
  const db = openDb(dataDir)
  const session = startRunSession({ config, node, db, dataDir, ...extra })
  return { session, db, dataDir }
}
