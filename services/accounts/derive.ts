import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { bytesToHex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { LocalSender } from './sender'

/**
 * Accounts `m/44'/60'/0'/0/{i}` of a BIP-39 mnemonic (what wallets and Anvil use), so a test's
 * accounts are the same every time and can be imported elsewhere.
 */
export function deriveAccounts(mnemonic: string, count: number, offset = 0): LocalSender[] {
  const parent = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive("m/44'/60'/0'/0")
  const out: LocalSender[] = []
  for (let i = offset; i < offset + count; i++) {
    const key = parent.deriveChild(i).privateKey
    if (!key) throw new Error(`could not derive account ${i}`)
    const privateKey = bytesToHex(key)
    out.push({ kind: 'local', address: privateKeyToAddress(privateKey), privateKey })
  }
  return out
}
