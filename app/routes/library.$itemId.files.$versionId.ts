import fs from 'node:fs'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '../modules/auth/require-actor.server'
import { libraryFileForDownload } from '../modules/library/library.server'
import { handle } from '../utils/route.server'

/** A file of a library item, for someone the item is shared with (else 404), as an attachment with nosniff. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const file = await libraryFileForDownload(actor, params.itemId!, params.versionId!)
  return new Response(fs.readFileSync(file.path), { headers: file.headers })
})
