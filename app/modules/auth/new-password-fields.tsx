import type { FieldMetadata } from '@conform-to/react'
import { TextField } from '../../components/ui'
import { useT } from '../../utils/use-t'

/** New password + repeat, as the reset and invitation pages ask for them. */
export function NewPasswordFields({ password, confirm }: { password: FieldMetadata<string>; confirm: FieldMetadata<string> }) {
  const { t } = useT()
  return (
    <>
      <TextField meta={password} type="password" label={t('fields.newPassword')} hint={t('auth.passwordHint')} autoComplete="new-password" />
      <TextField meta={confirm} type="password" label={t('fields.confirmPassword')} autoComplete="new-password" />
    </>
  )
}
