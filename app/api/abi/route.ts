import { describeContract } from '@/services/abi/describe'
import { readJsonBody } from '../_lib/read-json'
import { json, respond } from '../_lib/respond'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

/** Artifacts carry their AST and metadata: far bigger and deeper than a config. */
const artifactLimits = { maxBytes: 8 * 1024 * 1024, maxDepth: 512 }

/**
 * `{ source, contractName? }`: a pasted ABI, Foundry/Hardhat artifact or solc output → its
 * functions (typed inputs), constructor and bytecode; or, for a solc output with several
 * contracts, their names to choose from. Bad input → 400 naming `source` or `contractName`.
 */
export function POST(request: Request): Promise<Response> {
  return respond(async () => json(describeContract(await readJsonBody(request, artifactLimits))))
}
