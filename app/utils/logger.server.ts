// Structured JSON logs (pino), one logger per process: server.ts and the app build load this
// module separately, so the instance lives on globalThis like the request scope does.
// Every line passes through scrub(): values under keys that name a secret (passwords, tokens,
// cookies, authorization headers, keys) are replaced before they are written.
import pino, { type Logger } from 'pino'
import { currentRequestId } from './request-context'

const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|api[-_]?key|session|csrf|signature|smtp_pass/i
export const REDACTED = '[redacted]'

/** Drops secret-looking values from a log object (a copy; bounded depth, cycles cut). */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? scrubText(value) : value
  if (value instanceof Error) return value
  if (seen.has(value) || depth > 6) return '[…]'
  seen.add(value)
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : scrub(v, depth + 1, seen)
  return out
}

/** Emailed tokens travel in paths (/reset-password/<token>, /invitations/<token>) and in query strings. */
export function scrubText(text: string): string {
  return text
    .replace(/(\/(?:reset-password|invitations)\/)[^/?#\s"]+/g, `$1${REDACTED}`)
    .replace(/([?&](?:token|password|secret|key|code)=)[^&#\s"]*/gi, `$1${REDACTED}`)
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${REDACTED}`)
}

function create(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      // the standard places too, in case an object bypasses the formatter's key test
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization', 'password', '*.password'], censor: REDACTED },
      serializers: { err: (err: Error) => ({ type: err.name, message: scrubText(String(err.message)), stack: err.stack ? scrubText(err.stack) : undefined }) },
      mixin: () => {
        const reqId = currentRequestId()
        return reqId ? { reqId } : {}
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  )
}

const KEY = Symbol.for('mitra.logger')
const holder = globalThis as unknown as Record<symbol, Logger | undefined>

/** The process logger; LOG_LEVEL sets its level (validated in env.server.ts). */
export function logger(): Logger {
  return (holder[KEY] ??= create(process.env.LOG_LEVEL || 'info'))
}

/** A logger writing to `destination`, for tests of what reaches the log. */
export function createLogger(level: string, destination: pino.DestinationStream): Logger {
  return create(level, destination)
}
