#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx evm-stress` works in the repo without a build step.
import { register } from 'tsx/esm/api'

register()
const { keepHeapNearLive } = await import('../services/runs/heap-growth.ts')
keepHeapNearLive()
await import('../cli/main.ts')
