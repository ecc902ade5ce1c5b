'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { type FormEvent, useState } from 'react'
import { type ApiErrorBody, type ApiIssue, callApi } from './api-client'
import { Field, invalidProps } from './field'

const modes = ['sequential', 'concurrent', 'multi-user'] as const
type Mode = (typeof modes)[number]
const numberFields = ['txs', 'accounts', 'concurrency'] as const
type NumberField = (typeof numberFields)[number]
type Values = { mode: Mode } & Record<NumberField, string>

const numberLabels: Record<NumberField, { label: string; help: string }> = {
  txs: { label: 'Transactions', help: 'How many transactions the run plans.' },
  accounts: { label: 'Accounts', help: 'Sender accounts; in multi-user mode, one per simulated user.' },
  concurrency: { label: 'Concurrency', help: 'Most transactions in flight at once.' },
}

/** Concurrency only means something in concurrent mode; elsewhere it is neither shown as active nor sent. */
const applies = (field: NumberField, mode: Mode) => field !== 'concurrency' || mode === 'concurrent'

/**
 * Numbers go to the server as typed: the server's zod schema is the one judge of validity, and
 * its 400 names the field, which we show next to that field. An empty box means "the default".
 */
function toBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { mode: values.mode }
  for (const field of numberFields) {
    const raw = values[field].trim()
    if (raw === '' || !applies(field, values.mode)) continue
    const n = Number(raw)
    body[field] = Number.isFinite(n) ? n : raw
  }
  return body
}

/** Splits the server's issues into those this form can show by a field and the rest. */
function splitIssues(issues: ApiIssue[]): { byField: Record<string, string>; rest: ApiIssue[] } {
  const shown = new Set<string>(['mode', ...numberFields])
  const byField: Record<string, string> = {}
  const rest: ApiIssue[] = []
  for (const issue of issues)
    if (shown.has(issue.field)) byField[issue.field] = `${issue.field} ${issue.message}`
    else rest.push(issue)
  return { byField, rest }
}

export function QuickRunForm() {
  const router = useRouter()
  const [values, setValues] = useState<Values>({ mode: 'concurrent', txs: '100', accounts: '10', concurrency: '50' })
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<ApiErrorBody | null>(null)
  const [submitting, setSubmitting] = useState(false)

  function update<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }))
    setFieldErrors(({ [key]: _cleared, ...others }) => others)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setSubmitting(true)
    setFieldErrors({})
    setFormError(null)
    const result = await callApi<{ id: string }>('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toBody(values)),
    })
    if (result.ok) {
      // Stay "submitting" until the run page replaces this one.
      router.push(`/runs/${encodeURIComponent(result.data.id)}`)
      return
    }
    setSubmitting(false)
    const { byField, rest } = splitIssues(result.error.issues ?? [])
    setFieldErrors(byField)
    // Errors about no field of this form (or about none at all) go above the button.
    if (rest.length > 0)
      setFormError({ ...result.error, message: rest.map((i) => `${i.field}: ${i.message}`).join('; ') })
    else if (Object.keys(byField).length === 0) setFormError(result.error)
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="quick-run-form">
      <div className="section-head">
        <h2>Quick run</h2>
        <Link href="/test" className="small" data-testid="full-form-link">
          Scenarios, contracts, preview →
        </Link>
      </div>
      <Field id="qr-mode" label="Mode" name="mode" error={fieldErrors.mode}>
        <select
          id="qr-mode"
          value={values.mode}
          onChange={(e) => update('mode', e.target.value as Mode)}
          data-testid="field-mode"
          {...invalidProps('qr-mode', fieldErrors.mode)}
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </Field>
      {numberFields.map((field) => {
        const id = `qr-${field}`
        const active = applies(field, values.mode)
        return (
          <Field
            key={field}
            id={id}
            label={numberLabels[field].label}
            name={field}
            help={active ? numberLabels[field].help : 'Not used in this mode.'}
            error={fieldErrors[field]}
          >
            <input
              id={id}
              type="number"
              inputMode="numeric"
              placeholder="default"
              value={values[field]}
              disabled={!active}
              onChange={(e) => update(field, e.target.value)}
              data-testid={`field-${field}`}
              {...invalidProps(id, fieldErrors[field])}
            />
          </Field>
        )
      })}
      {formError && (
        <div className="alert alert-bad" data-testid="form-error" role="alert">
          {formError.message}
          {formError.hint && <span className="hint">{formError.hint}</span>}
        </div>
      )}
      <button type="submit" className="button button-primary" disabled={submitting} data-testid="submit-run">
        {submitting ? 'Starting…' : 'Start run'}
      </button>
    </form>
  )
}
