import type { Loaded } from '@/app/_data/queries'
import type { NodeStatus } from '@/services/runs/types'

function miningLabel(node: NodeStatus): string {
  if (node.automine == null) return node.isAnvil ? 'unknown' : 'set by the node'
  return node.automine ? 'automine' : 'interval / manual'
}

export function NodeStatusCard({ node }: { node: Loaded<NodeStatus> }) {
  if (!node.ok)
    return (
      <section className="card" data-testid="node-status">
        <h2>Node</h2>
        <p className="alert alert-bad" data-testid="node-error">
          {node.message}
          {node.hint && <span className="hint">{node.hint}</span>}
        </p>
      </section>
    )
  const n = node.value
  return (
    <section className="card" data-testid="node-status">
      <h2>
        Node{' '}
        <span className={`dot ${n.reachable ? 'dot-ok' : 'dot-bad'}`} data-testid="node-reachable">
          {n.reachable ? 'reachable' : 'unreachable'}
        </span>
      </h2>
      {n.error && (
        <p className="alert alert-bad" data-testid="node-error">
          {n.error}
        </p>
      )}
      <dl className="facts">
        <dt>Chain id</dt>
        <dd data-testid="node-chain-id">{n.chainId ?? '—'}</dd>
        <dt>Block</dt>
        <dd data-testid="node-block">{n.blockNumber ?? '—'}</dd>
        <dt>Client</dt>
        <dd className="mono">{n.clientVersion ?? '—'}</dd>
        <dt>Node</dt>
        <dd>{n.embedded ? 'embedded Anvil (started by evm-stress)' : 'external'}</dd>
        <dt>Mining</dt>
        <dd>{miningLabel(n)}</dd>
        <dt>RPC URL</dt>
        <dd className="mono" data-testid="node-rpc-url">
          {n.rpcUrl}
        </dd>
      </dl>
    </section>
  )
}
