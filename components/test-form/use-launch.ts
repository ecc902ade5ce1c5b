'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import type { FieldIssue } from '@/services/errors/base'
import { type ApiErrorBody, callApi } from '../api-client'

export type LaunchState = {
  sending: boolean
  /** The config text the last refusal was about (its issues only count while the form still says that). */
  forText: string | null
  issues: FieldIssue[]
  error: ApiErrorBody | null
}

/**
 * POST /api/runs; on success the run's page replaces this one, on a 400 the fields are named.
 * `allowNonDevChain` is added only here, once the user typed the chain's name: the form's config
 * (previewed, saved) never carries it.
 */
export function useLaunch() {
  const router = useRouter()
  const [state, setState] = useState<LaunchState>({ sending: false, forText: null, issues: [], error: null })

  async function launch(configText: string, options: { allowNonDevChain?: boolean } = {}) {
    setState({ sending: true, forText: configText, issues: [], error: null })
    const body = options.allowNonDevChain
      ? JSON.stringify({ ...(JSON.parse(configText) as object), allowNonDevChain: true })
      : configText
    const result = await callApi<{ id: string }>('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    if (result.ok) {
      // Stay "sending" until the run page replaces this one.
      router.push(`/runs/${encodeURIComponent(result.data.id)}`)
      return
    }
    const issues = result.error.issues ?? []
    setState({ sending: false, forText: configText, issues, error: issues.length ? null : result.error })
  }

  return { state, launch }
}
