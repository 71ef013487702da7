import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { assertCan } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ItemForm } from '../modules/library/item-form'
import { ItemFormSchema } from '../modules/library/library.schema'
import { createLibraryItem, libraryFormChoices, readLibraryUploadForm } from '../modules/library/library.server'
import { translate } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'manage:library')
  return json({ choices: await libraryFormChoices(actor) })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'manage:library')
  const { form, file } = await readLibraryUploadForm(request)
  const submission = parseWithZod(form, { schema: ItemFormSchema })
  const fileError = file && !file.ok ? translate(actor.locale, file.messageKey, file.params) : null
  if (submission.status !== 'success' || fileError) {
    return json(submission.reply({ fieldErrors: fileError ? { file: [fileError] } : {} }), { status: 400 })
  }
  const item = await createLibraryItem(actor, submission.value, file && file.ok ? file : null)
  return redirectWithToast(`/library/${item.id}`, { key: 'library.created' })
})

export default function NewLibraryItem() {
  const { choices } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('library.new')} />
      <ItemForm lastResult={lastResult} choices={choices} cancelTo="/library" withFile />
    </>
  )
}
