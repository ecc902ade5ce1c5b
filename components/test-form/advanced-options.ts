import type { Option } from './controls'
import type { Draft, FundingMode, MiningMode, TxTypeChoice } from './draft'

/** The choices of the advanced panel's selects, with what each means. */

export const miningOptions: Option<MiningMode | ''>[] = [
  { value: '', label: 'default for the mode' },
  { value: 'engine', label: 'engine — a block after each wave' },
  { value: 'automine', label: 'automine — a block per tx' },
  { value: 'interval', label: 'interval — a block every blockTime s' },
  { value: 'node', label: 'node — leave the node as it is' },
]

export const txTypeOptions: Option<TxTypeChoice>[] = [
  { value: '', label: 'default — EIP-1559 (legacy where there is no base fee)' },
  { value: 'legacy', label: 'legacy — type 0, gasPrice' },
  { value: 'eip2930', label: 'EIP-2930 — type 1, with access lists' },
  { value: 'eip1559', label: 'EIP-1559 — type 2' },
  { value: 'eip4844', label: 'EIP-4844 — type 3, blobs' },
  { value: 'eip7702', label: 'EIP-7702 — type 4, set-code authorizations' },
  { value: 'all', label: 'a mix of all five, alike' },
]

export const accessListOptions: Option<Draft['accessList']>[] = [
  { value: 'empty', label: 'empty' },
  { value: 'generated', label: 'generated — eth_createAccessList per tx' },
]

export const sendPolicyOptions: Option<Draft['sendPolicy']>[] = [
  { value: 'round-robin', label: 'round-robin — each batch to the next' },
  { value: 'by-account', label: 'by-account — a sender to one endpoint' },
  { value: 'broadcast', label: 'broadcast — every tx to all' },
]

export const fundingOptions: Option<FundingMode>[] = [
  { value: 'auto', label: 'auto — setBalance on Anvil, else transfers' },
  { value: 'transfer', label: 'transfer — from the funder' },
  { value: 'none', label: 'none — senders must already hold ETH' },
]
