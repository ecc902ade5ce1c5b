#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx evm-stress` works in the repo without a build step.
import { register } from 'tsx/esm/api'

register()
await import('../cli/main.ts')
