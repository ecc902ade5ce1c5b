import uPlot from 'uplot'
import type { Marker } from '@/services/live/frames'

const markerColors: Record<Marker['kind'], string> = {
  status: '#2f5bd3',
  stage: '#5f6672',
  warning: '#b42318',
}

/**
 * Draws the run's markers (pause, resume, stages, warnings) as dashed vertical lines with a label,
 * on top of the series (a uPlot `draw` hook). Labels step down a row each so neighbours stay legible.
 */
export function drawMarkers(u: uPlot, markers: readonly Marker[]): void {
  const { min, max } = u.scales.x ?? {}
  if (min == null || max == null || !markers.length) return
  const ratio = uPlot.pxRatio
  const { ctx, bbox } = u
  ctx.save()
  ctx.lineWidth = ratio
  ctx.font = `${11 * ratio}px system-ui, sans-serif`
  ctx.textBaseline = 'top'
  let row = 0
  for (const marker of markers) {
    const at = marker.at / 1000
    if (at < min || at > max) continue
    const x = Math.round(u.valToPos(at, 'x', true))
    const color = markerColors[marker.kind]
    ctx.strokeStyle = color
    ctx.fillStyle = color
    ctx.setLineDash([4 * ratio, 3 * ratio])
    ctx.beginPath()
    ctx.moveTo(x, bbox.top)
    ctx.lineTo(x, bbox.top + bbox.height)
    ctx.stroke()
    // Near the right edge the label goes to the left of its line.
    const width = ctx.measureText(marker.label).width
    const left = x + 3 * ratio + width > bbox.left + bbox.width ? x - 3 * ratio - width : x + 3 * ratio
    ctx.fillText(marker.label, left, bbox.top + (2 + (row % 3) * 13) * ratio)
    row++
  }
  ctx.restore()
}
