/** The report's only stylesheet, inline: system fonts, no images, prints on A4. */
export const reportCss = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#111827;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:0 0 10px}
section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px 18px;margin:14px 0}
.muted{color:#6b7280}
.small{font-size:12px}
.nowrap{white-space:nowrap}
.wrap{display:inline-block;min-width:12em;max-width:28em;white-space:normal;word-break:break-word}
.mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
header.top{display:flex;justify-content:space-between;align-items:flex-start;gap:16px;flex-wrap:wrap}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:12px;border:1px solid transparent;vertical-align:middle}
.ok{background:#dcfce7;color:#166534;border-color:#bbf7d0}
.bad{background:#fee2e2;color:#991b1b;border-color:#fecaca}
.warn{background:#fef3c7;color:#92400e;border-color:#fde68a}
.neutral{background:#e5e7eb;color:#374151}
.alert{border-radius:6px;padding:10px 12px;margin:12px 0 0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.tile{border:1px solid #e5e7eb;border-radius:6px;padding:8px 10px}
.tile .label{color:#6b7280;font-size:12px}
.tile .value{font-size:19px;font-weight:600;font-variant-numeric:tabular-nums}
.tile .sub{color:#6b7280;font-size:12px}
.charts{display:grid;grid-template-columns:1fr;gap:12px}
figure{margin:0}
figcaption{margin:0 0 4px}
svg.chart{width:100%;height:auto;display:block;background:#fff}
svg.chart .tick{font-size:11px;fill:#6b7280;font-family:system-ui,sans-serif}
svg.chart .empty{font-size:14px;fill:#9ca3af;font-family:system-ui,sans-serif}
.legend{margin:2px 0 0 60px;font-size:12px;color:#374151}
.legend span{margin-right:14px;white-space:nowrap}
svg.swatch{width:16px;height:6px;margin-right:4px;vertical-align:middle}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th,td{padding:4px 7px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600;color:#374151;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
td .hint{display:block;color:#6b7280;font-size:12px}
dl.env{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.env dt{color:#6b7280}
dl.env dd{margin:0}
pre{background:#f9fafb;border:1px solid #eef0f3;border-radius:6px;padding:10px;overflow:auto;max-height:480px;margin:0;white-space:pre-wrap;word-break:break-all}
ul.plain{margin:0;padding-left:18px}
footer{color:#6b7280;font-size:12px;margin-top:18px}
@media print{body{background:#fff}section{break-inside:avoid;border-color:#ddd}}
`
