import { openDb } from '../../services/store/db'
import { createRunsRepo } from '../../services/store/runs-repo'
import { blockNumberAt } from './chain'
import { startCli } from './cli'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Starts a CLI run and kills its process once the chain has grown by a few blocks, as a crash
 * would (no handler runs). Returns the id of the run it left behind in `dataDir`.
 */
export async function crashMidRun(
  rpcUrl: string,
  dataDir: string,
  o: { txs?: number; accounts?: number; mining?: string; blockTime?: number; blocks?: number } = {},
): Promise<string> {
  const start = await blockNumberAt(rpcUrl)
  const args = [
    'run',
    '--rpc-url',
    rpcUrl,
    '--txs',
    String(o.txs ?? 3000),
    '--accounts',
    String(o.accounts ?? 6),
    '--rate',
    '600',
  ]
  args.push('--mining', o.mining ?? 'engine', '--data-dir', dataDir, '-q')
  if (o.blockTime !== undefined) args.push('--block-time', String(o.blockTime))
  const { child, result } = startCli(args)
  let exited = false
  void result.then(() => {
    exited = true
  })
  while (!exited && (await blockNumberAt(rpcUrl)) < start + BigInt(o.blocks ?? 5)) await sleep(50)
  if (exited) throw new Error('the run ended before it could be killed: give it more txs')
  await sleep(200) // let the record of what was sent reach the disk
  child.kill('SIGKILL')
  await result
  const db = openDb(dataDir)
  const [row] = createRunsRepo(db).list(1)
  db.close()
  if (!row) throw new Error('the run left no record')
  return row.id
}
