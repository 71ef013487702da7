// Dependency-free cookie reading, shared by the HTTP server (CSRF check) and the app.
export const SESSION_COOKIE_SECURE_NAME = '__Host-mitra_session'
export const SESSION_COOKIE_PLAIN_NAME = 'mitra_session'

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  for (const part of header.split(';')) {
    const eqAt = part.indexOf('=')
    if (eqAt < 0) continue
    const name = part.slice(0, eqAt).trim()
    if (!out.has(name)) {
      try {
        out.set(name, decodeURIComponent(part.slice(eqAt + 1).trim()))
      } catch {
        /* malformed cookie value: ignore it */
      }
    }
  }
  return out
}

export function hasSessionCookie(cookieHeader: string | null): boolean {
  const cookies = parseCookies(cookieHeader)
  return cookies.has(SESSION_COOKIE_SECURE_NAME) || cookies.has(SESSION_COOKIE_PLAIN_NAME)
}
