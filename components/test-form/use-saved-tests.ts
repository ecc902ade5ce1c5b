'use client'

import { useState } from 'react'
import type { FieldIssue } from '@/services/errors/base'
import type { SavedTest } from '@/services/runs/saved-tests'
import { formatTime } from '../format'
import type { SaveStatus } from './action-bar'
import type { ConfigJson } from './draft'
import { savedTestsApi } from './saved-tests-api'

/** The page's URL names the loaded test, so a reload (or a shared link) opens it again; no server round trip. */
function showInUrl(id: string | null) {
  window.history.replaceState(null, '', id ? `/test?saved=${encodeURIComponent(id)}` : '/test')
}

/**
 * Saved tests as the form sees them: the list, the one loaded, and save / save as new / duplicate /
 * delete. `onLoaded` puts a test's config into the form.
 */
export function useSavedTests(
  initialTests: SavedTest[],
  initialId: string | null,
  onLoaded: (test: SavedTest | null) => void,
) {
  const [tests, setTests] = useState(initialTests)
  const [savedId, setSavedId] = useState(initialId)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const [issues, setIssues] = useState<{ forText: string; issues: FieldIssue[] } | null>(null)

  const upsert = (test: SavedTest) => setTests((list) => [test, ...list.filter((t) => t.id !== test.id)])
  const select = (test: SavedTest | null) => {
    setSavedId(test?.id ?? null)
    showInUrl(test?.id ?? null)
    setIssues(null)
  }

  async function save(config: ConfigJson, asNew: boolean) {
    const text = JSON.stringify(config)
    setStatus({ kind: 'saving' })
    const result = savedId && !asNew ? await savedTestsApi.update(savedId, config) : await savedTestsApi.create(config)
    if (!result.ok) {
      setIssues({ forText: text, issues: result.error.issues ?? [] })
      setStatus({
        kind: 'failed',
        message: result.error.issues?.length ? 'Not saved: fix the marked fields' : result.error.message,
      })
      return
    }
    upsert(result.data)
    select(result.data)
    onLoaded(result.data)
    setStatus({ kind: 'saved', at: formatTime(result.data.updatedAt).slice(11) })
  }

  async function duplicate() {
    if (!savedId) return
    setStatus({ kind: 'saving' })
    const result = await savedTestsApi.duplicate(savedId)
    if (!result.ok) return setStatus({ kind: 'failed', message: result.error.message })
    upsert(result.data)
    select(result.data)
    onLoaded(result.data)
    setStatus({ kind: 'saved', at: formatTime(result.data.updatedAt).slice(11) })
  }

  async function remove() {
    if (!savedId) return
    const name = tests.find((t) => t.id === savedId)?.name ?? 'this test'
    if (!window.confirm(`Delete the saved test "${name}"? Runs started from it keep their record.`)) return
    setStatus({ kind: 'saving' })
    const result = await savedTestsApi.remove(savedId)
    if (!result.ok) return setStatus({ kind: 'failed', message: result.error.message })
    setTests((list) => list.filter((t) => t.id !== savedId))
    select(null)
    setStatus({ kind: 'idle' })
  }

  function load(test: SavedTest | null) {
    select(test)
    setStatus({ kind: 'idle' })
    if (test) onLoaded(test)
  }

  return { tests, savedId, status, issues, save, duplicate, remove, load }
}
