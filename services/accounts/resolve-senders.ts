import { getAddress, type Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { Connection } from '../chain/connection'
import type { NodeInfo } from '../chain/node-info'
import type { TestConfig } from '../config/schema'
import { ConfigError } from '../errors/base'
import { deriveAccounts } from './derive'
import { installMnemonic } from './mnemonic-store'
import type { Sender } from './sender'

export type ResolvedSenders = {
  senders: Sender[]
  /** Undo what resolving did to the node (stop impersonating). */
  release(): Promise<void>
}

/**
 * The run's senders, from exactly one source: private keys, the node's unlocked accounts,
 * impersonated addresses (Anvil), or — by default — `accounts` derived from the mnemonic.
 */
export async function resolveSenders(
  config: TestConfig,
  conn: Connection,
  node: NodeInfo,
  dataDir: string,
): Promise<ResolvedSenders> {
  const none = async () => {}
  if (config.privateKeys) {
    const senders = config.privateKeys.map((k) => ({
      kind: 'local' as const,
      address: privateKeyToAddress(k as Hex),
      privateKey: k as Hex,
    }))
    return { senders: unique(senders, 'privateKeys'), release: none }
  }
  if (config.nodeAccounts) {
    const unlocked = (await conn.request('eth_accounts').catch(() => [])).map((a) => getAddress(a))
    if (unlocked.length < config.accounts)
      throw new ConfigError(
        [
          {
            field: 'accounts',
            message: `the node has ${unlocked.length} unlocked account(s), ${config.accounts} asked for`,
          },
        ],
        { hint: 'Lower accounts, start the node with more (anvil --accounts N), or use generated accounts.' },
      )
    return {
      senders: unlocked.slice(0, config.accounts).map((address) => ({ kind: 'node', address, via: 'unlocked' })),
      release: none,
    }
  }
  if (config.impersonate) {
    const addresses = config.impersonate.map((a) => getAddress(a))
    try {
      await Promise.all(addresses.map((a) => conn.request('anvil_impersonateAccount', [a])))
    } catch (cause) {
      throw new ConfigError(
        [
          {
            field: 'impersonate',
            message: `needs a node that can impersonate (anvil_impersonateAccount); ${node.clientVersion} refused it`,
          },
        ],
        { hint: 'Run against Anvil (leave rpcUrl out for the embedded one), or send from keys you hold.', cause },
      )
    }
    return {
      senders: unique(
        addresses.map((address) => ({ kind: 'node', address, via: 'impersonated' })),
        'impersonate',
      ),
      async release() {
        await Promise.all(
          addresses.map((a) => conn.request('anvil_stopImpersonatingAccount', [a]).catch(() => undefined)),
        )
      },
    }
  }
  const mnemonic = config.mnemonic ?? installMnemonic(dataDir)
  return { senders: deriveAccounts(mnemonic, config.accounts), release: none }
}

function unique<T extends Sender>(senders: T[], field: string): T[] {
  const seen = new Set<string>()
  for (const s of senders) {
    if (seen.has(s.address)) throw new ConfigError([{ field, message: `lists ${s.address} twice` }])
    seen.add(s.address)
  }
  return senders
}
