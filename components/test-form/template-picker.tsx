'use client'

import type { Template } from './templates'

/** Starting points: each fills the whole form with sensible values, all changeable. */
export function TemplatePicker({
  templates,
  active,
  onPick,
}: {
  templates: readonly Template[]
  active: string | null
  onPick: (template: Template) => void
}) {
  return (
    <section className="templates" aria-labelledby="templates-title">
      <h2 id="templates-title" className="section-title">
        Start from a template
      </h2>
      <div className="template-grid">
        {templates.map((t) => (
          <button
            key={t.id}
            type="button"
            className={t.id === active ? 'template is-on' : 'template'}
            aria-pressed={t.id === active}
            onClick={() => onPick(t)}
            data-testid={`template-${t.id}`}
          >
            <span className="template-title">{t.title}</span>
            <span className="template-summary">{t.summary}</span>
          </button>
        ))}
      </div>
    </section>
  )
}
