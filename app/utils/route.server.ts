import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalActor } from '../modules/auth/require-actor.server'
import { DomainError, Forbidden, InvalidTransition, NotFound, ValidationFailed } from './errors'
import { isLocale, localeFromAcceptLanguage, translateLoose, type Locale } from './i18n'
import { parseCookies } from '../modules/auth/session.server'

/** The locale for this request: the user's setting, then the language cookie, then Accept-Language. */
export function requestLocale(request: Request): Locale {
  const actor = getOptionalActor(request)
  if (actor) return actor.locale
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

/**
 * The one place service errors become HTTP: NotFound → 404, Forbidden → 403, an illegal
 * transition → 409, a broken rule → 400 with the message next to its field and what the
 * user typed kept (the Conform submission shape). Anything else is a 500 with a generic page.
 */
export function handle<Args extends LoaderFunctionArgs | ActionFunctionArgs, R>(fn: (args: Args) => Promise<R> | R) {
  return async (args: Args): Promise<R> => {
    const copy = args.request.method === 'GET' || args.request.method === 'HEAD' ? null : args.request.clone()
    try {
      return await fn(args)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const locale = requestLocale(args.request)
      const message = translateLoose(locale, error.messageKey, error.params)
      if (copy && (error instanceof ValidationFailed || error instanceof InvalidTransition)) {
        const form = await copy.formData().catch(() => new FormData())
        const initialValue: Record<string, string> = {}
        for (const [k, v] of form) if (typeof v === 'string' && !/password|confirm|current|token/i.test(k)) initialValue[k] = v
        const field = error instanceof ValidationFailed ? error.field : ''
        // returned, not thrown: the form re-renders with the message beside the field
        return json({ status: 'error', initialValue, error: { [field]: [error.messageKey] }, message }, { status: statusOf(error) }) as unknown as R
      }
      throw json({ message }, { status: statusOf(error) })
    }
  }
}

export function clientIp(context: { clientIp?: string }) {
  return context.clientIp ?? 'unknown'
}
