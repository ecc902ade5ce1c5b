/**
 * One labelled form control with its help line and its error. The error text comes from the
 * schema or the server and names the field, so it is shown verbatim under the control it is about.
 */
export function Field({
  id,
  label,
  name,
  help,
  error,
  className,
  children,
}: {
  id: string
  label: string
  /** The config key, shown so that server messages ("txs must be…") are easy to match. */
  name: string
  help?: React.ReactNode
  error?: string
  className?: string
  children: React.ReactNode
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label} <code className="field-name">{name}</code>
      </label>
      {children}
      {help && !error && <p className="field-help">{help}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`error-${name}`} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** The ARIA attributes that tie a control to its Field's error. */
export function invalidProps(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {}
}
