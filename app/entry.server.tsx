import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { JOBS } from './jobs/index.server'
import { startScheduler } from './jobs/runner.server'
import { logger } from './utils/logger.server'
import { NonceProvider } from './utils/nonce'

const ABORT_DELAY = 5_000

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string
    clientIp?: string
  }
}

/** Called by server.ts so jobs run inside the same module graph (and database handle) as the app. */
export function startJobScheduler(intervalMs: number) {
  return startScheduler(JOBS, intervalMs)
}

/**
 * Errors Remix reports. A 4xx (no route for a URL, a method a route does not accept, a
 * NotFound thrown by a loader) is an answer, not a fault: the request line in the log says
 * 404/405 and nothing more is written, so a scan leaves one line per request. Anything else is
 * a 5xx and is logged with its stack, tagged with the request id.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  if (isRouteErrorResponse(error) || error instanceof Response) {
    // an answer a route chose (a 503 "busy, retry" is one): no stack to show, the request line has the status
    if (error.status >= 500) logger().warn({ status: error.status }, 'request answered with a server error status')
    return
  }
  logger().error({ err: error }, 'request failed')
}

/**
 * Renders the page to one string. No route defers data or suspends, so React's streaming render only
 * added cost: a PassThrough, a web stream over it and hundreds of small chunks that server.ts gathered
 * whole again before compressing (issue 10 profile: the stream machinery and a "write after end" error
 * React raised on every closed stream). A route that one day defers data needs renderToPipeableStream back.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce ?? ''
  // A 503 (database busy, route.server.ts) tells the client when to retry. Remix keeps a thrown
  // response's status on a document request but not its headers, so the hint is set here.
  if (responseStatusCode === 503 && !responseHeaders.has('Retry-After')) responseHeaders.set('Retry-After', '2')
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
  )
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  // Encoded here, in one native call: given a string, the web Response scans it for lone surrogates
  // (webidl's USVString conversion) and encodes it again in JavaScript, 4 % of the approval queue's CPU.
  return new Response(Buffer.from(`<!DOCTYPE html>${html}`), { headers: responseHeaders, status: responseStatusCode })
}
