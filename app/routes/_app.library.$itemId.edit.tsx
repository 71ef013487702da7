import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { ItemForm } from '../modules/library/item-form'
import { ItemFormSchema } from '../modules/library/library.schema'
import { libraryFormChoices, libraryItemForEdit, updateLibraryItem } from '../modules/library/library.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const item = await libraryItemForEdit(actor, params.itemId!)
  return json({ item, choices: await libraryFormChoices(actor, item.id) })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await libraryItemForEdit(actor, params.itemId!) // 404 before the form is judged
  const submission = parseWithZod(await request.formData(), { schema: ItemFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateLibraryItem(actor, params.itemId!, submission.value)
  return redirectWithToast(`/library/${params.itemId}`, { key: 'library.updated' })
})

export default function EditLibraryItem() {
  const { item, choices } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('library.edit')} />
      <ItemForm lastResult={lastResult} defaultValue={item} choices={choices} cancelTo={`/library/${item.id}`} withFile={false} />
    </>
  )
}
