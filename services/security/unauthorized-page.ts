const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** The 401 a browser sees without the access token: plain HTML, no app shell (which would need the token too). */
export function unauthorizedPage(message: string, hint: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Access token needed — evm-stress</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">401 — ${escapeHtml(message)}</h1>
<p>${escapeHtml(hint)}</p>
<p style="color: #666">If you just opened such a link from another site, reload this page: the browser keeps the cookie but does not send it on that first visit.</p>
</body>
</html>
`
}
