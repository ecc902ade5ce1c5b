import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english'

/**
 * The install's own mnemonic, created once in the data directory (mode 0600), so the same test
 * reuses the same accounts across restarts without anyone pasting a secret.
 */
export function installMnemonic(dataDir: string): string {
  const file = join(dataDir, 'mnemonic.txt')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const mnemonic = generateMnemonic(wordlist, 128)
  writeFileSync(file, `${mnemonic}\n`, { mode: 0o600, flag: 'wx' })
  chmodSync(file, 0o600)
  return mnemonic
}
