import { createHash } from 'node:crypto'
import { type Address, getAddress, type Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { deriveAccounts } from '../accounts/derive'
import { installMnemonic } from '../accounts/mnemonic-store'
import type { Connection } from '../chain/connection'
import type { TestConfig } from '../config/schema'
import { ConfigError } from '../errors/base'
import type { SenderSource } from './preview-types'

/** At most this many sender addresses are worked out for a preview (enough for samples and the table). */
export const previewAddressCap = 1_000

export type PreviewSenders = { source: SenderSource; total: number; addresses: Address[] }

/** The first `count` addresses derived from a mnemonic (createAddressBook). */
export type AddressBook = (mnemonic: string, count: number) => Address[]

/**
 * Addresses derived from a mnemonic, remembered per mnemonic: deriving costs ~70 ms of PBKDF2
 * plus ~0.5 ms per account, and a form asks for a preview on every change.
 */
export function createAddressBook(maxEntries = 4): AddressBook {
  const book = new Map<string, Address[]>()
  return (mnemonic: string, count: number): Address[] => {
    const key = createHash('sha256').update(mnemonic).digest('hex')
    const known = book.get(key) ?? []
    if (known.length < count) {
      const more = deriveAccounts(mnemonic, count - known.length, known.length).map((a) => a.address)
      book.delete(key)
      book.set(key, [...known, ...more])
      if (book.size > maxEntries) book.delete(book.keys().next().value as string)
    }
    return (book.get(key) ?? []).slice(0, count)
  }
}

/**
 * The run's senders as addresses, from the same single source the run will use, without touching
 * the node's state (no impersonation, no funding): keys stay here, addresses go out.
 */
export async function previewSenders(
  config: TestConfig,
  conn: Connection,
  dataDir: string,
  book: AddressBook,
): Promise<PreviewSenders> {
  if (config.privateKeys) {
    const addresses = config.privateKeys.map((k) => privateKeyToAddress(k as Hex))
    return { source: 'privateKeys', total: addresses.length, addresses: addresses.slice(0, previewAddressCap) }
  }
  if (config.nodeAccounts) {
    const unlocked = (await conn.request('eth_accounts').catch(() => [])).map((a) => getAddress(a))
    if (unlocked.length < config.accounts)
      throw new ConfigError([
        {
          field: 'accounts',
          message: `the node has ${unlocked.length} unlocked account(s), ${config.accounts} asked for`,
        },
      ])
    return { source: 'nodeAccounts', total: config.accounts, addresses: unlocked.slice(0, config.accounts) }
  }
  if (config.impersonate) {
    const addresses = config.impersonate.map((a) => getAddress(a))
    return { source: 'impersonate', total: addresses.length, addresses: addresses.slice(0, previewAddressCap) }
  }
  const mnemonic = config.mnemonic ?? installMnemonic(dataDir)
  return {
    source: 'mnemonic',
    total: config.accounts,
    addresses: book(mnemonic, Math.min(config.accounts, previewAddressCap)),
  }
}
