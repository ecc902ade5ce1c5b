/** A Redis URL without its user and password, for logs and messages. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    u.username = ''
    return u.toString()
  } catch {
    return 'redis'
  }
}
