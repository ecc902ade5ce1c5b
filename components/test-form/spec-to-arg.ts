import { type ArgDraft, emptyArg } from './draft'

/** Config values → the text the form's inputs show; one argument spec → its generator row. */

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Any config value as the text an input shows. */
export function asText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return JSON.stringify(v)
}

export function oneOf<T extends string>(choices: readonly T[], v: unknown, fallback: T): T {
  return (choices as readonly unknown[]).includes(v) ? (v as T) : fallback
}

export function specToArg(spec: unknown): ArgDraft {
  if (!isRecord(spec) || !('kind' in spec)) return emptyArg('fixed', asText(spec))
  const kind = spec.kind
  switch (kind) {
    case 'fixed':
      return emptyArg('fixed', asText(spec.value))
    case 'sequence':
      return {
        ...emptyArg('sequence'),
        start: asText(spec.start),
        step: asText(spec.step),
        format: asText(spec.format),
      }
    case 'random':
      return { ...emptyArg('random'), min: asText(spec.min), max: asText(spec.max) }
    case 'oneOf':
      return { ...emptyArg('oneOf'), values: Array.isArray(spec.values) ? spec.values.map(asText).join('\n') : '' }
    case 'sender':
      return emptyArg('sender')
    case 'account':
      return { ...emptyArg('account'), index: asText(spec.index) }
    case 'contract':
      return { ...emptyArg('contract'), contract: asText(spec.name) }
    case 'balanceFraction':
      return { ...emptyArg('balanceFraction'), contract: asText(spec.contract), fraction: asText(spec.fraction) }
    case 'now':
      return { ...emptyArg('now'), plus: asText(spec.plus) }
    default:
      return emptyArg('fixed', asText(spec))
  }
}
