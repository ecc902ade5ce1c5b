/**
 * Run events and outcomes on their way through Redis: JSON, with bigints (wei, gas, block
 * numbers) kept exact as tagged strings.
 */
const tag = '__bigint:'

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${tag}${v}` : v))
}

export function decodeWire<T>(text: string): T {
  return JSON.parse(text, (_k, v) => (typeof v === 'string' && v.startsWith(tag) ? BigInt(v.slice(tag.length)) : v))
}
