'use client'

import { useCallback, useLayoutEffect, useRef, useState } from 'react'

export type VirtualRows = {
  /** On the scrolling element. */
  ref: React.RefObject<HTMLTableSectionElement | null>
  onScroll: () => void
  /** Rows [start, end) are rendered, each at top = i × rowHeight inside a spacer of totalHeight. */
  start: number
  end: number
  totalHeight: number
}

export type VirtualRowsOptions = {
  count: number
  /** Fixed: what makes the visible range a division, not a measurement. */
  rowHeight: number
  overscan?: number
  /** Keep the view on the last row as rows arrive. */
  followTail: boolean
  /** The user scrolled away from the end while following. */
  onLeaveTail: () => void
}

/**
 * Hand-made virtualization of a long list of same-height rows: only the rows in view (plus a
 * few) exist in the DOM, so 100,000 rows cost what 40 do. Following the tail, any scroll that
 * leaves the bottom is the user's: ours always land on it, in the same commit as the new rows.
 */
export function useVirtualRows({
  count,
  rowHeight,
  overscan = 8,
  followTail,
  onLeaveTail,
}: VirtualRowsOptions): VirtualRows {
  const ref = useRef<HTMLTableSectionElement | null>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(600)
  const following = useRef(followTail)
  following.current = followTail
  const leave = useRef(onLeaveTail)
  leave.current = onLeaveTail

  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setViewport(el.clientHeight)
    const observer = new ResizeObserver(() => setViewport(el.clientHeight))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // Before paint, in the commit that grew the list: the user never sees it off the end.
  // biome-ignore lint/correctness/useExhaustiveDependencies: more rows or a taller view move the end to follow
  useLayoutEffect(() => {
    const el = ref.current
    if (!el || !followTail) return
    el.scrollTop = el.scrollHeight
    setScrollTop(el.scrollTop)
  }, [followTail, count, viewport])

  // The bottom from what we rendered and measured, not from scrollHeight: reading layout on
  // every scroll event would force a reflow per batch of rows.
  const bottom = useRef(0)
  bottom.current = count * rowHeight - viewport
  const onScroll = useCallback(() => {
    const el = ref.current
    if (!el) return
    const top = el.scrollTop
    if (following.current && top < bottom.current - 2) leave.current()
    setScrollTop(top)
  }, [])

  const first = Math.floor(scrollTop / rowHeight)
  const start = Math.max(0, first - overscan)
  const end = Math.min(count, first + Math.ceil(viewport / rowHeight) + overscan)
  return { ref, onScroll, start, end, totalHeight: count * rowHeight }
}
