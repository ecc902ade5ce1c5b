import { createKeccak, type IHasher } from 'hash-wasm'
import { type Hex, keccak256 } from 'viem'

/**
 * keccak-256 through hash-wasm's WebAssembly build: ~13× faster here than viem's pure-JS one,
 * which was a tenth of the engine's CPU at full speed (two hashes per signed tx). viem's is the
 * fallback until the module is ready, or where WebAssembly is not available.
 */
let hasher: IHasher | undefined
const ready: Promise<void> = createKeccak(256).then(
  (h) => {
    hasher = h
  },
  () => undefined,
)

/** The hash of hex-encoded bytes, as viem's `keccak256(hex)`. */
export async function keccakHex(data: Hex): Promise<Hex> {
  if (!hasher) await ready
  if (!hasher) return keccak256(data)
  hasher.init()
  hasher.update(Buffer.from(data.slice(2), 'hex'))
  return `0x${hasher.digest('hex')}`
}
