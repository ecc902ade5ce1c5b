import { ConfigError } from '../../errors/base'

export type DeployNode = { name: string; needs: readonly string[]; field: string }

/**
 * Names in an order where every contract comes after the contracts it references (constructor
 * arguments, libraries); otherwise the order given. A cycle is bad input: it names the path.
 */
export function deployOrder(nodes: readonly DeployNode[]): string[] {
  const byName = new Map(nodes.map((n) => [n.name, n]))
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (node: DeployNode, path: string[]) => {
    const seen = state.get(node.name)
    if (seen === 'done') return
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(node.name)), node.name]
      throw new ConfigError(
        [
          {
            field: `${byName.get(cycle[0]!)?.field ?? node.field}.constructorArgs`,
            message: `${cycle.join(' → ')} is a reference cycle: neither can be deployed first`,
          },
        ],
        { hint: 'Deploy one without the other’s address and pass it in a set-up step (e.g. a setter) instead.' },
      )
    }
    state.set(node.name, 'visiting')
    for (const need of node.needs) {
      const next = byName.get(need)
      if (next) visit(next, [...path, node.name])
    }
    state.set(node.name, 'done')
    order.push(node.name)
  }
  for (const node of nodes) visit(node, [])
  return order
}
