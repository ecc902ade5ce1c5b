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
