/**
 * Compiles contracts/*.sol into contracts/out/<Name>.json (checked in). Run: npm run contracts:compile
 * Re-running on the same sources gives byte-identical files; the unit test
 * services/contracts/compile.test.ts fails when they are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { artifactFileText, compileSources, readSources } from '../services/contracts/compile'

const contractsDir = fileURLToPath(new URL('../contracts/', import.meta.url))
const outDir = join(contractsDir, 'out')

const started = performance.now()
const { artifacts, warnings } = compileSources(readSources(contractsDir))
for (const w of warnings) console.warn(w)

mkdirSync(outDir, { recursive: true })
const written = new Set<string>()
for (const a of artifacts) {
  const file = `${a.contractName}.json`
  writeFileSync(join(outDir, file), artifactFileText(a))
  written.add(file)
}
// A removed or renamed contract must not leave a stale artifact behind.
for (const file of readdirSync(outDir)) if (file.endsWith('.json') && !written.has(file)) rmSync(join(outDir, file))

const ms = Math.round(performance.now() - started)
console.log(
  `Compiled ${artifacts.map((a) => a.contractName).join(', ')} with solc ${artifacts[0]?.compiler.version} in ${ms} ms`,
)
