import type { Metadata } from 'next'
import { templates } from '@/components/test-form/templates'
import { TestForm, type TestFormProps } from '@/components/test-form/test-form'
import { describeBuiltins } from '@/services/contracts/builtin-descriptions'
import { type Loaded, loadRunConfig, loadTest, loadTests } from '../_data/queries'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'New test' }

type Props = { searchParams: Promise<{ saved?: string | string[]; run?: string | string[] }> }

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
const defaultTemplate = templates.find((t) => t.id === 'concurrent') ?? templates[0]

/**
 * The test form: opens a saved test (`?saved=<id>`), a past run's config (`?run=<id>`), or the
 * concurrent template. The server hands the client form plain data only.
 */
export default async function TestPage({ searchParams }: Props) {
  const params = await searchParams
  const savedId = first(params.saved)
  const runId = first(params.run)
  const tests = loadTests()
  let problem: string | null = tests.ok ? null : tests.message
  let initial: TestFormProps['initial'] = {
    config: defaultTemplate?.config ?? {},
    savedId: null,
    templateId: defaultTemplate?.id ?? null,
  }
  const from: Loaded<{ config: TestFormProps['initial']['config']; savedId: string | null }> | null = savedId
    ? mapLoaded(loadTest(savedId), (t) => ({ config: t.config, savedId: t.id }))
    : runId
      ? mapLoaded(loadRunConfig(runId), (config) => ({ config: { ...config }, savedId: null }))
      : null
  if (from?.ok) initial = { ...from.value, templateId: null }
  else if (from) problem = from.message

  return (
    <>
      {problem && (
        <p className="alert alert-bad" data-testid="page-problem">
          {problem}
        </p>
      )}
      <TestForm
        key={savedId ?? runId ?? 'new'}
        builtins={describeBuiltins()}
        savedTests={tests.ok ? tests.value : []}
        initial={initial}
      />
    </>
  )
}

function mapLoaded<T, U>(loaded: Loaded<T>, map: (value: T) => U): Loaded<U> {
  return loaded.ok ? { ok: true, value: map(loaded.value) } : loaded
}
