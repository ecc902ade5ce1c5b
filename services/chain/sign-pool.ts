import { Worker } from 'node:worker_threads'
import { bytesToHex, type Hex, hexToBytes } from 'viem'
import { packagePath } from './package-path'

export type Signature = { r: Hex; s: Hex; yParity: number }

/**
 * The worker's whole source, run with `eval`: nothing to bundle, so it works the same under the
 * CLI (tsx), the Next.js server and the bench. It signs batches of (key, digest) pairs with
 * libsecp256k1 and answers 65 bytes each (r, s, recovery id).
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const secp = require(workerData.secp256k1)
parentPort.on('message', ({ id, pairs }) => {
  const input = new Uint8Array(pairs)
  const n = input.length / 64
  const out = new Uint8Array(n * 65)
  for (let i = 0; i < n; i++) {
    const key = input.subarray(i * 64, i * 64 + 32)
    const digest = input.subarray(i * 64 + 32, i * 64 + 64)
    const { signature, recid } = secp.ecdsaSign(digest, key)
    out.set(signature, i * 65)
    out[i * 65 + 64] = recid
  }
  parentPort.postMessage({ id, sigs: out.buffer }, [out.buffer])
})
`

/** Pairs sent to a worker in one message, at most: one message per tick and worker otherwise. */
const maxBatch = 512

type Pending = { key: Uint8Array; digest: Uint8Array; resolve: (s: Signature) => void; reject: (e: unknown) => void }

/** Worker threads that sign digests (createSignPool). */
export type SignPool = {
  /** Signs a digest with the key, in a worker; rejects once the pool is closed. */
  sign(privateKey: Hex, digest: Hex): Promise<Signature>
  /** Digests signed in the workers so far. */
  readonly signed: number
  /** Signs what was asked, then stops the workers. */
  close(): Promise<void>
}

/**
 * Signing across cores (config `signWorkers`): `worker_threads` that sign digests with
 * libsecp256k1, for a node faster than this process can sign for (docs/architecture.md). Requests
 * made in the same tick go out as one message per worker, round robin.
 */
export function createSignPool(size: number): SignPool {
  const secp256k1 = packagePath('secp256k1')
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerSource, { eval: true, workerData: { secp256k1 } })
    worker.unref()
    return worker
  })
  const inFlight = new Map<number, Pending[]>()
  let queue: Pending[] = []
  let nextId = 0
  let nextWorker = 0
  let scheduled = false
  let closed = false
  let drained: (() => void) | undefined
  let signed = 0

  for (const worker of workers) {
    worker.on('message', ({ id, sigs }: { id: number; sigs: ArrayBuffer }) => {
      const batch = inFlight.get(id)
      inFlight.delete(id)
      const bytes = new Uint8Array(sigs)
      batch?.forEach((p, i) => {
        const sig = bytes.subarray(i * 65, i * 65 + 64)
        p.resolve({
          r: bytesToHex(sig.subarray(0, 32)),
          s: bytesToHex(sig.subarray(32, 64)),
          yParity: bytes[i * 65 + 64] as number,
        })
      })
      signed += batch?.length ?? 0
      if (!inFlight.size) drained?.()
    })
    worker.on('error', (error) => {
      for (const batch of inFlight.values()) for (const p of batch) p.reject(error)
      inFlight.clear()
    })
  }

  function flush() {
    scheduled = false
    while (queue.length) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(maxBatch)
      const pairs = new Uint8Array(batch.length * 64)
      batch.forEach((p, i) => {
        pairs.set(p.key, i * 64)
        pairs.set(p.digest, i * 64 + 32)
      })
      const id = nextId++
      inFlight.set(id, batch)
      const worker = workers[nextWorker++ % workers.length] as Worker
      worker.postMessage({ id, pairs: pairs.buffer }, [pairs.buffer])
    }
  }

  return {
    sign(privateKey: Hex, digest: Hex): Promise<Signature> {
      if (closed) return Promise.reject(new Error('the signing pool is closed'))
      return new Promise((resolve, reject) => {
        queue.push({ key: hexToBytes(privateKey), digest: hexToBytes(digest), resolve, reject })
        if (queue.length >= maxBatch) flush()
        else if (!scheduled) {
          scheduled = true
          setImmediate(flush)
        }
      })
    },
    get signed() {
      return signed
    },
    async close() {
      closed = true
      flush()
      if (inFlight.size) await new Promise<void>((resolve) => (drained = resolve))
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
