/**
 * Formatting shared by server and client components. No Intl/locale APIs: the server render and
 * the browser's hydration must produce the same text.
 */

const dash = '—'

export function formatRate(perSec: number | null | undefined): string {
  if (perSec == null || !Number.isFinite(perSec)) return dash
  return perSec >= 100 ? perSec.toFixed(0) : perSec.toFixed(1)
}

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return dash
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return dash
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Local time as YYYY-MM-DD HH:MM:SS; server and browser share the machine's time zone here. */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs == null) return dash
  const d = new Date(epochMs)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id
}

/** 1234567 → "1,234,567" (no Intl: same text on server and client). */
export function formatInt(n: number | bigint | string): string {
  const s = String(n)
  const negative = s.startsWith('-')
  const digits = negative ? s.slice(1) : s
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
}

/** Wei (decimal string or bigint) in a unit of 10^decimals, with at most `places` decimals, trailing zeros dropped. */
function formatUnits(wei: string | bigint, decimals: number, places: number): string {
  let value: bigint
  try {
    value = BigInt(wei)
  } catch {
    return dash
  }
  const negative = value < 0n
  const abs = negative ? -value : value
  const unit = 10n ** BigInt(decimals)
  const whole = abs / unit
  const scaled = ((abs % unit) * 10n ** BigInt(places)) / unit
  const frac = scaled.toString().padStart(places, '0').replace(/0+$/, '')
  const tiny = whole === 0n && scaled === 0n && abs > 0n
  if (tiny) return `${negative ? '-' : ''}< 0.${'0'.repeat(Math.max(places - 1, 0))}1`
  return `${negative ? '-' : ''}${formatInt(whole)}${frac ? `.${frac}` : ''}`
}

export const formatEth = (wei: string | bigint, places = 6) => `${formatUnits(wei, 18, places)} ETH`
export const formatGwei = (wei: string | bigint, places = 3) => `${formatUnits(wei, 9, places)} gwei`

/** 0x1234…abcd */
export function shortHex(hex: string, keep = 6): string {
  return hex.length > 2 + keep * 2 ? `${hex.slice(0, 2 + keep)}…${hex.slice(-keep + 2)}` : hex
}

/** A wei amount in the unit that reads best: wei below 1 gwei, gwei below 0.001 ETH, else ETH. */
export function formatWei(wei: string | bigint): string {
  let value: bigint
  try {
    value = BigInt(wei)
  } catch {
    return dash
  }
  const abs = value < 0n ? -value : value
  if (abs < 10n ** 9n) return `${formatInt(value)} wei`
  if (abs < 10n ** 15n) return formatGwei(value)
  return formatEth(value)
}
