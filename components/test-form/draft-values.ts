import type { ConfigJson } from './draft'

/** How typed text becomes config values (blank inputs = absent = the default). */

export const blank = (s: string) => s.trim() === ''

/** A number as typed: blank = absent (the default), a number = the number, anything else as typed (zod names it). */
export function num(s: string): number | string | undefined {
  const t = s.trim()
  if (!t) return undefined
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : t
}

/** Wei amounts stay text (decimal or 0x): bigint-safe; the schema checks them. */
export const text = (s: string): string | undefined => (blank(s) ? undefined : s.trim())

/** A whole amount as typed: a JSON number while exact, else the text (big values, 0x hex). */
export function amount(s: string): number | string | undefined {
  const t = s.trim()
  if (!t) return undefined
  return /^-?\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t
}

/** Pasted JSON as JSON; text that does not parse goes as text, so the server names the field. */
export function jsonOrText(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

export function put(out: ConfigJson, key: string, value: unknown) {
  if (value !== undefined) out[key] = value
}
