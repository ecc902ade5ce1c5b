import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../cli/load-config'

const dir = join(import.meta.dirname, '../../examples')

describe('examples/', () => {
  it.each(readdirSync(dir))('%s is a valid test config', (file) => {
    const config = loadConfig(join(dir, file), {})
    expect(config.txs).toBeGreaterThan(0)
  })
})
