import { HDKey } from '@scure/bip32'
import { mnemonicToSeedSync } from '@scure/bip39'
import { type Address, bytesToHex, type Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'

export type SenderAccount = {
  address: Address
  /** Stays on the server: never serialised into API responses, logs or reports. */
  privateKey: Hex
  index: number
}

/**
 * Accounts `m/44'/60'/0'/0/{i}` of a BIP-39 mnemonic (what wallets and Anvil use), so a test's
 * accounts are the same every time and can be imported elsewhere.
 */
export function deriveAccounts(mnemonic: string, count: number, offset = 0): SenderAccount[] {
  const parent = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic)).derive("m/44'/60'/0'/0")
  const out: SenderAccount[] = []
  for (let i = offset; i < offset + count; i++) {
    const key = parent.deriveChild(i).privateKey
    if (!key) throw new Error(`could not derive account ${i}`)
    const privateKey = bytesToHex(key)
    out.push({ address: privateKeyToAddress(privateKey), privateKey, index: i })
  }
  return out
}
