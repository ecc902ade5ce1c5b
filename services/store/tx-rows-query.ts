import { ConfigError, type FieldIssue } from '../errors/base'
import { type TxErrorKind, txErrorKinds } from '../errors/tx-error'
import { type TxState, txStates } from '../testing/tx'
import { type TxRowsQuery, txRowsDefaultLimit, txRowsMaxLimit } from './tx-rows'

const maxTextLength = 200

/**
 * The query string of GET /api/runs/:id/txs → a checked TxRowsQuery. `state` may repeat or be a
 * comma list; every bad parameter is named in one ConfigError (a 400).
 */
export function parseTxRowsQuery(params: URLSearchParams): TxRowsQuery {
  const issues: FieldIssue[] = []
  const text = (name: string): string | undefined => {
    const value = params.get(name)?.trim()
    if (!value) return undefined
    if (value.length > maxTextLength)
      issues.push({ field: name, message: `is longer than ${maxTextLength} characters` })
    return value
  }
  const whole = (name: string, min: number, max: number, fallback: number): number => {
    const raw = params.get(name)
    if (raw === null || raw.trim() === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max)
      issues.push({ field: name, message: `must be a whole number from ${min} to ${max}, got "${raw.slice(0, 40)}"` })
    return n
  }

  const states = params
    .getAll('state')
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
  const badState = states.find((s) => !(txStates as readonly string[]).includes(s))
  if (badState !== undefined)
    issues.push({ field: 'state', message: `"${badState.slice(0, 40)}" is not a state; one of ${txStates.join(', ')}` })
  const errorKind = text('errorKind')
  if (errorKind !== undefined && !(txErrorKinds as readonly string[]).includes(errorKind))
    issues.push({
      field: 'errorKind',
      message: `"${errorKind.slice(0, 40)}" is not an error group; one of ${txErrorKinds.join(', ')}`,
    })
  const query: TxRowsQuery = {
    states: [...new Set(states)] as TxState[],
    account: text('account'),
    label: text('label'),
    errorKind: errorKind as TxErrorKind | undefined,
    q: text('q'),
    offset: whole('offset', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: whole('limit', 1, txRowsMaxLimit, txRowsDefaultLimit),
  }
  if (issues.length)
    throw new ConfigError(issues, {
      hint: 'Filters: state (repeat or comma list), account, label, errorKind, q; paging: offset, limit (1–1000).',
    })
  return query
}
