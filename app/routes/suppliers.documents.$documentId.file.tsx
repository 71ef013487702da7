import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { requireActor } from '../modules/auth/require-actor.server'
import { documentDownload } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'

/** The stored file of a supplier document: the owning supplier and procurement only, as an attachment. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { stream, headers } = await documentDownload(actor, params.documentId!)
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers })
})
