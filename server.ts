// The HTTP server: a request id and one JSON log line per request, security headers with a
// per-request CSP nonce, /readyz and /metrics, the Origin check on every mutation, abuse limits,
// a body cap counted on the bytes read, static assets, then Remix. SIGTERM/SIGINT drain it.
// Used by `npm start`, `npm run serve` and `npm run dev`. Runbook: docs/operations.md.
// Production runs it compiled (`npm run build` bundles it into build/server.js with esbuild, its npm
// packages left external), so no TypeScript is transpiled at start-up; `npm run dev` runs this file with tsx.
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import zlib from 'node:zlib'
import { createReadableStreamFromReadable, createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { count, countsAfterAnswer, limitKey, localeOfHeaders, peek, REQUEST_LIMITS, requestLimitFor, take, tooManyRequestsBody } from './app/modules/limits/limits.server'
import { hasSessionCookie } from './app/utils/cookies'
import { backgroundSettled } from './app/utils/background'
import { closeDb, rawSqlite } from './app/utils/db.server'
import { readiness, setDraining } from './app/utils/health.server'
import { logger, scrubText } from './app/utils/logger.server'
import { metrics } from './app/utils/metrics.server'
import { acceptableRequestId, currentActor, setRoute } from './app/utils/request-context'
import { requestScope } from './app/utils/request-scope'
import { ConfigError, getEnv } from './app/utils/env.server'

let env: ReturnType<typeof getEnv>
try {
  env = getEnv()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
const isProduction = env.NODE_ENV === 'production'

// Garbage collection, tuned for the p99 at half load (bench/results/2026-12-03-issue10-findings.md, "12-04 GC").
// V8 grows its old generation after each full collection by a factor it picks from the allocation rate (up to
// 4×): under load the heap grew to 150–180 MB for 40–80 MB live and the process to 340–380 MB resident
// (2026-12-03). A fixed factor bounds it. At 1.2× a full collection came every 1–2 s under load and half of the
// responses over 30 ms overlapped one; at 1.5× they come half as often for 10–30 MB more. The flag is read at
// each collection, so it takes effect set here; one given on the command line or in NODE_OPTIONS wins.
// (On one core scripts/node.sh also starts node with --single-threaded-gc: that one V8 reads only at start-up.)
const nodeFlags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')]
const flagGiven = (name: RegExp) => nodeFlags.some((arg) => name.test(arg))
if (!flagGiven(/^--heap[-_]growing[-_]percent/)) v8.setFlagsFromString('--heap-growing-percent=50')
const log = logger()
const metric = metrics()

const viteDevServer = isProduction
  ? undefined
  : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
// trust exactly one proxy hop: the left-most X-Forwarded-For entry is the client's to forge
if (env.TRUST_PROXY) app.set('trust proxy', 1)

let shuttingDown = false
const clientIpOf = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown'

// One request scope per request (request-scope.ts): the per-request cache, the request id
// (also the X-Request-Id response header, audit rows and every log line written meanwhile), the
// route. When the response is done: one log line and the HTTP metrics.
app.use((req, res, next) => {
  const started = process.hrtime.bigint()
  // an id set by the proxy in front is kept (only behind one: a client's own would be its word against our log)
  const requestId = (env.TRUST_PROXY ? acceptableRequestId(req.get('x-request-id')) : null) ?? crypto.randomUUID()
  res.setHeader('X-Request-Id', requestId)
  // while draining, every answer closes its connection so clients move to another server
  if (shuttingDown) res.setHeader('Connection', 'close')
  const store = new Map<string, unknown>([['__requestId', requestId]])
  let logged = false
  const done = () => {
    if (logged) return
    logged = true
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6
    const status = res.writableFinished ? res.statusCode : 499 // 499: the client went away first
    const route = res.statusCode === 404 ? '(not found)' : ((res.locals.route as string | undefined) ?? requestScope.run(store, () => store.get('__route') as string | undefined) ?? 'other')
    const actor = requestScope.run(store, currentActor)
    metric.httpRequests.inc({ method: req.method, route, status: String(status) })
    metric.httpDuration.observe({ method: req.method, route }, durationMs / 1000)
    if (status >= 500 && status !== 499) metric.http5xx.inc({ route })
    const line = { reqId: requestId, method: req.method, path: scrubText(req.path), route, status, durationMs: Math.round(durationMs * 10) / 10, actorId: actor?.userId, orgId: actor?.orgId, ip: clientIpOf(req) }
    if (status >= 500 && status !== 499) log.error(line, 'request')
    else log.info(line, 'request')
  }
  res.on('finish', done)
  res.on('close', done)
  requestScope.run(store, next)
})
// brotli quality 2 for dynamic pages (the middleware's default is 4): ~0.25 ms less CPU per 40 KB page for ~6 % more bytes
app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } } }))

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  const scriptSrc = isProduction ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline' 'unsafe-eval'`
  res.setHeader(
    'Content-Security-Policy',
    [
      `default-src 'self'`,
      `script-src ${scriptSrc}`,
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data:`,
      `font-src 'self'`,
      `connect-src 'self'${isProduction ? '' : ' ws:'}`,
      `form-action 'self'`,
      `object-src 'none'`,
      `base-uri 'none'`,
      `frame-ancestors 'none'`,
    ].join('; '),
  )
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  if (isProduction) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
})

// Readiness: load balancers stop sending traffic when the database is not writable, a
// migration is pending or the server is draining. Liveness stays the /healthz route.
app.get('/readyz', (_req, res) => {
  res.locals.route = 'readyz'
  const result = readiness()
  res.status(result.ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: result.ok ? 'ready' : 'not ready', ...result.checks })
})

// Prometheus metrics: only for the allowed networks (METRICS_ALLOW, loopback by default) or
// with `Authorization: Bearer $METRICS_TOKEN`. Behind a proxy (TRUST_PROXY) the address checked
// is the client's, so the public reaching the proxy is not "loopback".
const metricsAllowList = new net.BlockList()
for (const entry of env.METRICS_ALLOW.split(',').map((e) => e.trim()).filter(Boolean)) {
  const [address, prefix] = entry.split('/')
  const type = net.isIPv6(address) ? 'ipv6' : 'ipv4'
  if (prefix) metricsAllowList.addSubnet(address, Number(prefix), type)
  else metricsAllowList.addAddress(address, type)
}
const digest = (s: string) => crypto.createHash('sha256').update(s).digest()
function mayReadMetrics(req: express.Request): boolean {
  const auth = req.get('authorization')
  if (env.METRICS_TOKEN && auth?.startsWith('Bearer ') && crypto.timingSafeEqual(digest(auth.slice(7).trim()), digest(env.METRICS_TOKEN))) return true
  const ip = clientIpOf(req).replace(/^::ffff:/, '')
  return net.isIP(ip) !== 0 && metricsAllowList.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4')
}
app.get('/metrics', async (req, res, next) => {
  res.locals.route = 'metrics'
  if (!mayReadMetrics(req)) return void res.status(403).set('Cache-Control', 'no-store').type('text/plain').send('Forbidden')
  try {
    const body = await metric.registry.metrics()
    res.set('Cache-Control', 'no-store').type(metric.registry.contentType).send(body)
  } catch (error) {
    next(error)
  }
})

// Bodies are read whole by request.formData(): cap them before they reach the app. A declared
// Content-Length over the cap is refused at once; every body (chunked or not) is also counted as
// it is read (BodyCap, in the Remix handler below).
const MAX_BODY_BYTES = 26 * 1024 * 1024
app.use((req, res, next) => {
  const length = Number(req.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) return void res.status(413).set('Connection', 'close').type('text/plain').send('Payload too large')
  next()
})

// CSRF: a state-changing request must come from our own origin. A request that carries no
// Origin header and no session cookie has no ambient authority to abuse (curl signing in),
// so it passes; one with a session cookie and no Origin does not. Machine endpoints
// (/api/, /webhooks/) authenticate with keys or signatures, never cookies.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  if (req.path.startsWith('/api/') || req.path.startsWith('/webhooks/')) return next()
  const origin = req.get('origin')
  const fetchSite = req.get('sec-fetch-site')
  const ownOrigin = `${req.protocol}://${req.get('host')}`
  const allowed = new Set([ownOrigin, new URL(env.APP_URL).origin])
  let ok: boolean
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') ok = false
  else if (origin) ok = allowed.has(origin)
  else ok = !hasSessionCookie(req.get('cookie') ?? null)
  if (ok) return next()
  res.status(403).type('text/plain').send('Forbidden: cross-origin request refused')
})

// Abuse limits (app/modules/limits): the conflict oracle, public forms and token lookups,
// exports and uploads. Sign-in is limited inside login() (device cookies, per-account back-off).
app.use(async (req, res, next) => {
  const name = requestLimitFor(req.method, req.path, new URLSearchParams(req.originalUrl.split('?')[1] ?? ''), req.get('content-type'))
  if (!name) return next()
  const spec = REQUEST_LIMITS[name]
  const key = limitKey(name, req.get('cookie') ?? null, clientIpOf(req))
  let result: Awaited<ReturnType<typeof take>>
  try {
    if (countsAfterAnswer(name)) {
      const wait = await peek(name, spec, key)
      result = wait ? { ok: false, retryAfterSeconds: wait } : { ok: true }
      if (result.ok) {
        // counted as the answer's head is written (its write lands before the client can read the answer)
        const writeHead = res.writeHead
        res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
          const status = args[0]
          const sentToSignIn = status >= 300 && status < 400 && String(res.getHeader('location') ?? '').startsWith('/login')
          // a refusal (403, 404) exported nothing and must change nothing: only answers are counted
          if (!sentToSignIn && status < 400) count(name, spec, key).catch((error: unknown) => log.warn({ err: error, limit: name }, 'abuse limit not counted'))
          return writeHead.apply(res, args)
        }) as typeof res.writeHead
      }
    } else {
      result = await take(name, spec, key)
    }
  } catch (error) {
    // a limit store that cannot answer (database busy) must not take the page down with it
    log.warn({ err: error, limit: name }, 'abuse limit not checked')
    return next()
  }
  if (result.ok) return next()
  metric.rateLimited.inc({ limit: name })
  const wantsJson = req.path === '/deals/conflicts' || req.accepts(['html', 'json']) === 'json'
  const { type, body } = tooManyRequestsBody(localeOfHeaders(req.get('cookie') ?? null, req.get('accept-language') ?? null), result.retryAfterSeconds, wantsJson)
  res.status(429).set({ 'Retry-After': String(result.retryAfterSeconds), 'Cache-Control': 'no-store' }).type(type).send(body)
})

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  // serve-static stats the disk for every path it is given (a page included): only the build's own
  // top-level names (favicon.ico, robots.txt, ...) are looked up there, read once at start
  const clientNames = new Set(fs.existsSync('build/client') ? fs.readdirSync('build/client') : [])
  const serveClient = express.static('build/client', { maxAge: '1h', index: false })
  app.use((req, res, next) => (clientNames.has(req.path.split('/')[1] ?? '') ? serveClient(req, res, next) : next()))
}

async function loadBuild(): Promise<ServerBuild> {
  if (viteDevServer) return (await viteDevServer.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
  return (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
}

const build = viteDevServer ? loadBuild : await loadBuild()

// pages and their data carry personal and business records: never kept by browsers or proxies
// (ASVS 14.3.2). Static files above keep their own caching. The adapter appends a route's own
// Cache-Control to this one, so no-store still wins: a cacheable route needs an exception here.
app.use((_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store')
  next()
})

/** Counts a request body as it is read; past `max` bytes it fails, whatever Content-Length said. */
class BodyCap extends Transform {
  private seen = 0
  constructor(
    private readonly max: number,
    private readonly onOverflow: () => void,
  ) {
    super()
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.seen += chunk.length
    if (this.seen <= this.max) return callback(null, chunk)
    this.onOverflow()
    callback(new Error('request body over the size limit'))
  }
}

/** The Remix route id answering a path (for the log and metric labels), from the build's route table. */
function routeMatcher(routes: ServerBuild['routes']) {
  const fullPath = (id: string): string => {
    const route = routes[id]
    if (!route) return ''
    const parent = route.parentId ? fullPath(route.parentId) : ''
    return [parent, route.path ?? ''].filter(Boolean).join('/')
  }
  const table = Object.values(routes)
    .filter((r) => r.id !== 'root' && !Object.values(routes).some((c) => c?.parentId === r?.id && (c.index || !c.path)))
    .map((r) => {
      const segments = fullPath(r!.id).split('/').filter(Boolean)
      const pattern = segments.map((seg) => (seg === '*' ? '.*' : seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')
      const score = segments.reduce((n, seg) => n + (seg.startsWith(':') || seg === '*' ? 1 : 3), 0)
      return { id: r!.id, regex: new RegExp(`^/${pattern}/?$`), score }
    })
    .sort((a, b) => b.score - a.score)
  return (pathname: string) => table.find((r) => r.regex.test(pathname))?.id ?? null
}

function remixHeaders(incoming: express.Request['headers']): Headers {
  const headers = new Headers()
  for (const [key, values] of Object.entries(incoming)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value)
    else if (values) headers.set(key, values)
  }
  return headers
}

/** Text worth compressing (pages, data, scripts, CSV); images, PDFs and archives are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|[\w.+-]*\+(json|xml))|image\/svg\+xml)/i
// a body up to this size is gathered whole and compressed in one synchronous call; longer ones stream
const WHOLE_BODY_MAX = 512 * 1024

/**
 * Compresses a whole body at once, as the client accepts (brotli quality 2, else gzip level 1).
 * One brotliCompressSync of a 20–40 KB page costs ~0.1 ms; the same page streamed through
 * compression()'s zlib stream cost 0.7–1.4 ms of CPU (the stream machinery and a thread-pool
 * hand-off, with its context switch, per write and per flush): the largest single cost of a page's request path.
 */
function encodeWhole(req: express.Request, res: express.Response, body: Buffer): Buffer {
  const type = String(res.getHeader('content-type') ?? '')
  if (!COMPRESSIBLE.test(type) || res.getHeader('content-encoding')) return body
  res.vary('Accept-Encoding')
  if (body.length < 1024 || req.method === 'HEAD') return body
  // the client's order among equals is no preference (browsers list gzip first): brotli when accepted at all
  const accepted = req.acceptsEncodings() as string[]
  const encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : 'identity'
  if (encoding === 'br') {
    res.setHeader('Content-Encoding', 'br')
    // a window just large enough for the body: the encoder's buffers follow it (the default 4 MiB one
    // made every response allocate and free megabytes, and the process's resident memory grow)
    const windowBits = Math.min(22, Math.max(16, Math.ceil(Math.log2(body.length))))
    return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length, [zlib.constants.BROTLI_PARAM_LGWIN]: windowBits } })
  }
  if (encoding === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip')
    return zlib.gzipSync(body, { level: 1 })
  }
  return body
}

async function sendResponse(req: express.Request, res: express.Response, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (!response.body) return void res.end()
  // No route defers data, so a page arrives in many small chunks (React writes tag by tag) and soon
  // ends: it is gathered whole, compressed in one call (encodeWhole) and sent with its length.
  // A longer body (a large export) streams: written in batches of up to 64 KiB through
  // compression(), which flushes only at the end (Remix's own writer flushed after every chunk).
  const pending: Uint8Array[] = []
  let pendingBytes = 0
  let streaming = false
  const writeOut = async () => {
    const chunk = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes)
    pending.length = 0
    pendingBytes = 0
    if (res.write(chunk)) return
    await new Promise<void>((resolve) => {
      const go = () => {
        res.off('drain', go)
        res.off('close', go)
        resolve()
      }
      res.on('drain', go)
      res.on('close', go)
    })
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending.push(chunk)
    pendingBytes += chunk.byteLength
    if (!streaming && pendingBytes > WHOLE_BODY_MAX) streaming = true
    if (streaming && pendingBytes >= 64 * 1024) await writeOut()
    if (res.destroyed) return
  }
  if (!streaming) {
    const body = encodeWhole(req, res, Buffer.concat(pending, pendingBytes))
    res.setHeader('Content-Length', body.length)
    return void res.end(body)
  }
  if (pendingBytes > 0) await writeOut()
  res.end()
}

const handleRemix = createRequestHandler(build, isProduction ? 'production' : 'development')
const routeOf = viteDevServer ? () => null : routeMatcher((build as ServerBuild).routes)

// Remix's express adapter (@remix-run/express), with the request body read through BodyCap.
app.all('*', async (req, res, next) => {
  const dataRoute = typeof req.query._data === 'string' ? req.query._data : null
  setRoute(dataRoute ?? routeOf(req.path) ?? 'other')
  const controller = new AbortController()
  let answered = false
  res.on('finish', () => (answered = true))
  res.on('close', () => {
    if (!answered) controller.abort()
  })
  try {
    const [, forwardedPort] = req.get('X-Forwarded-Host')?.split(':') ?? []
    const [, hostPort] = req.get('host')?.split(':') ?? []
    const port = Number.isSafeInteger(Number.parseInt(forwardedPort, 10)) ? forwardedPort : Number.isSafeInteger(Number.parseInt(hostPort, 10)) ? hostPort : ''
    const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
    const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const capped = new BodyCap(MAX_BODY_BYTES, () => {
        controller.abort()
        req.unpipe(capped)
        req.resume()
        if (!res.headersSent) res.status(413).set('Connection', 'close').type('text/plain').send('Payload too large')
      })
      capped.on('error', () => {}) // reported through the body stream to whoever reads it
      req.pipe(capped)
      init.body = createReadableStreamFromReadable(capped)
      init.duplex = 'half'
    }
    const loadContext: AppLoadContext = { cspNonce: res.locals.cspNonce as string, clientIp: clientIpOf(req) }
    const response = await handleRemix(new Request(url.href, init), loadContext)
    if (res.headersSent) return // answered already (413)
    await sendResponse(req, res, response)
  } catch (error) {
    if (res.headersSent || controller.signal.aborted) return
    next(error)
  }
})

// Errors that escape Remix: logged once, with the stack (a 5xx), as JSON.
app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  log.error({ err: error }, 'unhandled error')
  if (!res.headersSent) res.status(500).type('text/plain').send('Internal Server Error')
})

const server = app.listen(env.PORT, env.HOST, () => {
  log.info({ port: env.PORT, host: env.HOST, url: env.APP_URL }, `Mitra is listening on http://localhost:${env.PORT}`)
})

// Periodic jobs run in-process in the same module graph as the app (the server build's entry).
let stopScheduler: (() => Promise<void> | void) | undefined
if (env.JOBS_ENABLED && !viteDevServer) {
  const entry = (build as ServerBuild).entry.module as unknown as { startJobScheduler?: (intervalMs: number) => () => Promise<void> }
  stopScheduler = entry.startJobScheduler?.(env.JOBS_INTERVAL_SECONDS * 1000)
}

/**
 * Graceful stop: readiness turns 503, no new connections; requests in flight finish and every
 * answer from now on closes its connection (idle keep-alive connections end by their keep-alive
 * timeout, so no client reuses a socket we are closing). The scheduler starts no further job
 * and its running job finishes and releases its lease. Then the WAL is checkpointed and the
 * database closed. Past SHUTDOWN_GRACE_MS the remaining connections are cut.
 */
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) return
  shuttingDown = true
  setDraining()
  log.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down: draining requests')
  let graceOver: () => void = () => {}
  const grace = new Promise<void>((resolve) => (graceOver = resolve))
  const cut = setTimeout(() => {
    log.warn('grace period over: closing the remaining connections')
    server.closeAllConnections()
    graceOver()
  }, env.SHUTDOWN_GRACE_MS)
  // net.Server's close, not http.Server's: the latter also drops idle keep-alive sockets at once,
  // and a client may be sending its next request on one of them at that very moment
  const drained = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()))
  await Promise.all([drained, stopScheduler ? Promise.resolve(stopScheduler()).then(() => log.info('scheduler stopped')) : null])
  // email deliveries started by the last requests finish and mark their rows sent (within the grace period)
  await Promise.race([backgroundSettled(), grace])
  clearTimeout(cut)
  try {
    rawSqlite().pragma('wal_checkpoint(TRUNCATE)')
    closeDb()
    log.info('database checkpointed and closed')
  } catch (error) {
    log.error({ err: error }, 'closing the database failed')
  }
  log.info('stopped')
  process.exit(0)
}
process.on('SIGTERM', (signal) => void shutdown(signal))
process.on('SIGINT', (signal) => void shutdown(signal))
// started by scripts/start.ts: the wrapper gone (killed outright) means stop too
if (process.send) process.on('disconnect', () => void shutdown('SIGTERM'))
