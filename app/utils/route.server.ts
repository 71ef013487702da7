import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalActor } from '../modules/auth/require-actor.server'
import { DomainError, Forbidden, InvalidTransition, NotFound, ValidationFailed } from './errors'
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage, translate, translateLoose, type Locale } from './i18n'
import { parseCookies } from './cookies'

/** The locale for this request: the user's setting, then the language cookie, then Accept-Language. */
export function requestLocale(request: Request): Locale {
  const actor = getOptionalActor(request)
  if (actor) return actor.locale
  // signed out: a link that names its language (?lang=en, as in invitation emails) wins
  const asked = new URL(request.url).searchParams.get('lang')
  if (isLocale(asked)) return asked
  const cookie = parseCookies(request.headers.get('cookie')).get('mitra_lang')
  if (isLocale(cookie)) return cookie
  return localeFromAcceptLanguage(request.headers.get('accept-language'))
}

function statusOf(error: DomainError): number {
  if (error instanceof NotFound) return 404
  if (error instanceof Forbidden) return 403
  if (error instanceof InvalidTransition) return 409
  if (error instanceof ValidationFailed) return 400
  return 400
}

export const RETRY_AFTER_SECONDS = '2'

/** SQLITE_BUSY (and its variants) or SQLITE_LOCKED, also when drizzle wraps it as the cause of a query error. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true
  }
  return false
}

/**
 * The one place service errors become HTTP: NotFound → 404, Forbidden → 403, an illegal
 * transition → 409, a broken rule → 400 with the message next to its field and what the
 * user typed kept (the Conform submission shape). A database still locked after busy_timeout is a
 * 503 with Retry-After. Anything else is a 500 with a generic page.
 */
export function handle<Args extends LoaderFunctionArgs | ActionFunctionArgs, R>(fn: (args: Args) => Promise<R> | R) {
  return async (args: Args): Promise<R> => {
    const copy = args.request.method === 'GET' || args.request.method === 'HEAD' ? null : args.request.clone()
    try {
      return await fn(args)
    } catch (error) {
      if (isDatabaseBusy(error)) {
        // another writer held the database past busy_timeout: the client may simply retry
        let locale: Locale = DEFAULT_LOCALE
        try {
          locale = requestLocale(args.request)
        } catch {
          /* reading the session can meet the same lock: the default language will do */
        }
        throw json({ message: translate(locale, 'errors.busy') }, { status: 503, headers: { 'Retry-After': RETRY_AFTER_SECONDS } })
      }
      if (!(error instanceof DomainError)) throw error
      const locale = requestLocale(args.request)
      const message = translateLoose(locale, error.messageKey, error.params)
      if (copy && (error instanceof ValidationFailed || error instanceof InvalidTransition)) {
        const form = await copy.formData().catch(() => new FormData())
        const initialValue: Record<string, string> = {}
        for (const [k, v] of form) if (typeof v === 'string' && !/password|confirm|current|token/i.test(k)) initialValue[k] = v
        const field = error instanceof ValidationFailed ? error.field : ''
        // returned, not thrown: the form re-renders with the message beside the field
        // a message with parameters ("at most Rp 5.000.000") travels translated: the field cannot fill them in
        const fieldMessage = Object.keys(error.params).length ? message : error.messageKey
        return json({ status: 'error', initialValue, error: { [field]: [fieldMessage] }, message }, { status: statusOf(error) }) as unknown as R
      }
      throw json({ message }, { status: statusOf(error) })
    }
  }
}

export function clientIp(context: { clientIp?: string }) {
  return context.clientIp ?? 'unknown'
}
