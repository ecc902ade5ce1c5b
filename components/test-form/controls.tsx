'use client'

import type { ReactNode } from 'react'
import { Field, invalidProps } from '../field'
import type { IssueIndex } from './issues'
import { messageOf } from './issues'

/**
 * Form controls bound to a config key: the label shows the key, the error is whatever the
 * schema (in the browser) or the server said about that key, shown under the control.
 */
type Common = {
  /** The config key (`txs`, `scenario.args[0].min`): names the control, finds its errors. */
  name: string
  label: string
  help?: ReactNode
  issues: IssueIndex
  disabled?: boolean
  className?: string
}

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`

function errorOf(issues: IssueIndex, name: string): string | undefined {
  const message = messageOf(issues.at(name))
  return message && `${name} ${message}`
}

/** What every bound control gets: its id, its test id, disabled, and the ARIA of its error. */
type Bound = { id: string; disabled?: boolean; 'data-testid': string }

/** Label, help and error around one control, wired to its config key. */
function BoundField({
  name,
  label,
  help,
  issues,
  disabled,
  className,
  children,
}: Common & {
  children: (props: Bound) => ReactNode
}) {
  const id = idOf(name)
  const error = errorOf(issues, name)
  return (
    <Field id={id} label={label} name={name} help={help} error={error} className={className}>
      {children({ id, disabled, 'data-testid': `field-${name}`, ...invalidProps(id, error) })}
    </Field>
  )
}

export function TextControl({
  value,
  onChange,
  placeholder,
  mono,
  numeric,
  ...common
}: Common & {
  value: string
  onChange: (value: string) => void
  placeholder?: string
  mono?: boolean
  /** Whole or decimal numbers: a numeric keyboard, no spinner that changes values on scroll. */
  numeric?: boolean
}) {
  return (
    <BoundField {...common}>
      {(bound) => (
        <input
          {...bound}
          type="text"
          inputMode={numeric ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={false}
          className={mono ? 'mono' : undefined}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </BoundField>
  )
}

export function TextAreaControl({
  value,
  onChange,
  placeholder,
  rows = 6,
  ...common
}: Common & { value: string; onChange: (value: string) => void; placeholder?: string; rows?: number }) {
  return (
    <BoundField {...common}>
      {(bound) => (
        <textarea
          {...bound}
          className="mono"
          rows={rows}
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </BoundField>
  )
}

export type Option<T extends string> = { value: T; label: string; disabled?: boolean }

export function SelectControl<T extends string>({
  value,
  options,
  onChange,
  ...common
}: Common & { value: T; options: readonly Option<T>[]; onChange: (value: T) => void }) {
  return (
    <BoundField {...common}>
      {(bound) => (
        <select {...bound} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </BoundField>
  )
}

export function CheckControl({
  name,
  label,
  help,
  issues,
  disabled,
  className,
  checked,
  onChange,
}: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const id = idOf(name)
  const error = errorOf(issues, name)
  return (
    <div className={`field field-check${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          data-testid={`field-${name}`}
          {...invalidProps(id, error)}
        />{' '}
        {label} <code className="field-name">{name}</code>
      </label>
      {help && !error && <p className="field-help">{help}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** Options from plain values, labelled as they are. */
export const optionsOf = <T extends string>(values: readonly T[]): Option<T>[] =>
  values.map((value) => ({ value, label: value }))
