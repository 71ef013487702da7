// Abuse limits on rate-limiter-flexible, with its SQLite store on our own database (table
// rate_limits, migration 0004_ops): every app server sharing the database shares the counters.
// The login limits (device cookies, per-account back-off) are in auth/login-limits.server.ts;
// this file holds the store and the per-request limits server.ts applies before Remix.
import type Database from 'better-sqlite3'
import { RateLimiterRes, RateLimiterSQLite } from 'rate-limiter-flexible'
import { parseCookies, SESSION_COOKIE_PLAIN_NAME, SESSION_COOKIE_SECURE_NAME } from '../../utils/cookies'
import { rawSqlite } from '../../utils/db.server'
import { isLocale, localeFromAcceptLanguage, translate, type Locale } from '../../utils/i18n'

export type LimitSpec = { points: number; durationSeconds: number; blockSeconds?: number }

const limiters = new WeakMap<Database.Database, Map<string, RateLimiterSQLite>>()

/** The limiter called `name` (its keys are prefixed with it), on the current database connection. */
export function limiter(name: string, spec: LimitSpec): RateLimiterSQLite {
  const sqlite = rawSqlite()
  let byName = limiters.get(sqlite)
  if (!byName) limiters.set(sqlite, (byName = new Map()))
  let found = byName.get(name)
  if (!found) {
    found = new RateLimiterSQLite({
      storeClient: sqlite,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      tableCreated: true,
      // one limiter sweeps expired rows of every limiter (they share the table)
      clearExpiredByTimeout: byName.size === 0,
      keyPrefix: name,
      points: spec.points,
      duration: spec.durationSeconds,
      blockDuration: spec.blockSeconds ?? 0,
    })
    byName.set(name, found)
  }
  return found
}

/** Consumes one point; the refusal (with seconds until the next try) when the limit is spent. */
export async function take(name: string, spec: LimitSpec, key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  try {
    await limiter(name, spec).consume(key, 1)
    return { ok: true }
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) }
    throw error
  }
}

/**
 * The limits applied per request, before Remix reads a body. Keys are the session when the
 * request has one (an office behind one NAT is many people), else the client IP.
 */
export const REQUEST_LIMITS = {
  // the live conflict check: a yes/no oracle about other partners' customers
  conflicts: { points: 60, durationSeconds: 60 },
  // public forms and public token lookups
  forgotPassword: { points: 10, durationSeconds: 15 * 60 },
  resetPassword: { points: 20, durationSeconds: 15 * 60 },
  invitation: { points: 20, durationSeconds: 15 * 60 },
  tokenLookup: { points: 60, durationSeconds: 15 * 60 },
  // the public certificate check: enough for an HR team checking a stack of CVs, not for guessing codes
  certificateVerify: { points: 30, durationSeconds: 10 * 60 },
  // exports (CSV downloads) and uploads (multipart bodies), wherever a route offers them
  export: { points: 30, durationSeconds: 10 * 60 },
  upload: { points: 60, durationSeconds: 10 * 60 },
  // the public supplier application (with its honeypot): a few per hour per IP
  supplierApplication: { points: 10, durationSeconds: 60 * 60 },
} satisfies Record<string, LimitSpec>

export type RequestLimitName = keyof typeof REQUEST_LIMITS

/** Which limit (if any) a request falls under. Login is limited inside login() itself. */
export function requestLimitFor(method: string, pathname: string, query: URLSearchParams, contentType: string | undefined): RequestLimitName | null {
  const post = method === 'POST'
  if (pathname === '/deals/conflicts') return 'conflicts'
  if (post && pathname === '/forgot-password') return 'forgotPassword'
  if (/^\/reset-password\/[^/]+\/?$/.test(pathname)) return post ? 'resetPassword' : 'tokenLookup'
  if (/^\/invitations\/[^/]+\/?$/.test(pathname)) return post ? 'invitation' : 'tokenLookup'
  if (post && /^\/apply\/supplier\/?$/.test(pathname)) return 'supplierApplication'
  if (/^\/apply\/supplier\/answer\/[^/]+\/?$/.test(pathname)) return post ? 'invitation' : 'tokenLookup'
  if (/^\/verify\/[^/]+\/?$/.test(pathname)) return 'certificateVerify'
  if (post && contentType?.toLowerCase().startsWith('multipart/form-data')) return 'upload'
  if (method === 'GET' && (/\.csv$|\/export(\.[a-z]+)?$/i.test(pathname) || ['csv', 'xlsx'].includes(query.get('export') ?? query.get('format') ?? ''))) return 'export'
  return null
}

const SIGNED_IN_LIMITS = new Set<RequestLimitName>(['conflicts', 'export', 'upload'])

/**
 * Limits of signed-in pages are checked before the request and counted after its answer, and
 * not counted when the answer was "sign in first": a refused request changes nothing (the route
 * walker holds every refusal to that). Concurrent requests may pass the limit by their number.
 */
export function countsAfterAnswer(name: RequestLimitName): boolean {
  return SIGNED_IN_LIMITS.has(name)
}

/** Seconds until `key` may ask again (0: it may), without counting anything. */
export async function peek(name: string, spec: LimitSpec, key: string): Promise<number> {
  const res = await limiter(name, spec).get(key)
  return res && res.consumedPoints >= spec.points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0
}

/** Counts one answered request (never throws: a counter that cannot be written is logged by the caller). */
export async function count(name: string, spec: LimitSpec, key: string): Promise<void> {
  await limiter(name, spec).penalty(key, 1)
}

/**
 * Whom a request's counter belongs to. Limits of signed-in pages count per session (the id,
 * never the secret half; a made-up cookie gets its own counter but no data, since the page still
 * requires a real session). Public forms count per IP: a cookie costs an attacker nothing there.
 */
export function limitKey(name: RequestLimitName, cookieHeader: string | null, ip: string): string {
  if (!SIGNED_IN_LIMITS.has(name)) return `ip:${ip}`
  const cookies = parseCookies(cookieHeader)
  const token = cookies.get(SESSION_COOKIE_SECURE_NAME) ?? cookies.get(SESSION_COOKIE_PLAIN_NAME)
  const sessionId = token?.split('.')[0]
  return sessionId && /^[A-Za-z0-9_-]{8,64}$/.test(sessionId) ? `s:${sessionId}` : `ip:${ip}`
}

/** The locale of a request seen before Remix: the language cookie, else Accept-Language. */
export function localeOfHeaders(cookieHeader: string | null, acceptLanguage: string | null): Locale {
  const chosen = parseCookies(cookieHeader).get('mitra_lang')
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(acceptLanguage)
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The 429 answer: a small page in the user's language, or JSON for fetches; Retry-After is set by the caller. */
export function tooManyRequestsBody(locale: Locale, retryAfterSeconds: number, wantsJson: boolean): { type: string; body: string } {
  const title = translate(locale, 'errors.tooManyRequestsTitle')
  const message = translate(locale, 'errors.tooManyRequests', { seconds: retryAfterSeconds })
  if (wantsJson) return { type: 'application/json', body: JSON.stringify({ message, retryAfterSeconds }) }
  const body = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Mitra</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.5rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Mitra</a></p></main></body></html>`
  return { type: 'text/html; charset=utf-8', body }
}
