import type { ConfigJson } from './draft'

/** A starting point: a whole config the user then changes. Values mirror examples/ and docs/scenarios.md. */
export type Template = { id: string; title: string; summary: string; config: ConfigJson }

export const templates: Template[] = [
  {
    id: 'sequential',
    title: 'Sequential',
    summary: 'One tx at a time, each mined before the next: latency without queueing.',
    config: { name: 'sequential baseline', mode: 'sequential', txs: 50, accounts: 3, waitForReceipt: true, delayMs: 0 },
  },
  {
    id: 'concurrent',
    title: 'Concurrent',
    summary: 'Many txs in flight from many accounts, sent in JSON-RPC batches.',
    config: { name: 'concurrent transfers', mode: 'concurrent', txs: 1000, accounts: 20, concurrency: 200 },
  },
  {
    id: 'multi-user',
    title: 'Multi-user',
    summary: 'Simulated users side by side, each waiting for its tx plus a think-time.',
    config: { name: '25 users', mode: 'multi-user', txs: 200, accounts: 25, delayMs: 200 },
  },
  {
    id: 'rapid-transfer',
    title: 'Rapid ERC20 transfers',
    summary: 'A token is deployed; transfers as fast as the node takes them; balances checked.',
    config: {
      name: 'rapid ERC20 transfers',
      mode: 'concurrent',
      txs: 500,
      accounts: 10,
      concurrency: 200,
      scenario: { name: 'rapid-transfer', token: 'erc20', amount: '1000' },
    },
  },
  {
    id: 'concurrent-users',
    title: 'User journeys',
    summary: 'Each user approves the next one, then transfers to them.',
    config: {
      name: '20 users',
      mode: 'multi-user',
      accounts: 20,
      delayMs: 100,
      scenario: { name: 'concurrent-users', journeysPerUser: 2 },
    },
  },
  {
    id: 'batch-operations',
    title: 'Batch vs single',
    summary: 'The same transfers in batchTransfer txs and one tx each; gas compared.',
    config: {
      name: 'batched vs single',
      mode: 'concurrent',
      txs: 400,
      accounts: 10,
      concurrency: 200,
      scenario: { name: 'batch-operations', opsPerTx: 20 },
    },
  },
  {
    id: 'gas-limit',
    title: 'Gas limit',
    summary: 'Gas limits ramp across the block gas limit, then blocks are filled.',
    config: {
      name: 'gas limit',
      mode: 'concurrent',
      accounts: 4,
      concurrency: 50,
      scenario: { name: 'gas-limit', rampFrom: 0.9, rampTo: 1.1, rampSteps: 21, fillTxs: 40 },
    },
  },
  {
    id: 'custom-call',
    title: 'Custom call',
    summary: 'Any function of any contract, with generated arguments.',
    config: {
      name: 'counter increments',
      mode: 'concurrent',
      txs: 200,
      accounts: 10,
      concurrency: 100,
      scenario: {
        name: 'custom-call',
        target: { builtin: 'Counter' },
        function: 'incrementBy(uint256)',
        args: [{ kind: 'random', min: '1', max: '100' }],
      },
    },
  },
]
