import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { requireActor } from '../modules/auth/require-actor.server'
import { claimFileDownload } from '../modules/mdf/mdf.server'
import { handle } from '../utils/route.server'

/** A proof-of-performance file: the claiming partner and vendor MDF staff only, as an attachment. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { stream, headers } = await claimFileDownload(actor, params.claimId!, params.fileId!)
  return new Response(Readable.toWeb(stream) as ReadableStream, { headers })
})
