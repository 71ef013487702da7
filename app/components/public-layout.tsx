import { BrandName } from './brand'
import { useLocation } from '@remix-run/react'
import { Form } from './navigation'
import type { ReactNode } from 'react'
import { useT } from '../utils/use-t'

/** The frame of pages seen before signing in: brand, language switch, one card. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale } = useT()
  const location = useLocation()
  return (
    <main className="public">
      <div className="public-card">
        <div className="public-top">
          <span className="brand">
            <BrandName />
          </span>
          <Form method="post" action="/locale" className="inline">
            <input type="hidden" name="locale" value={locale === 'id' ? 'en' : 'id'} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button" lang={locale === 'id' ? 'en' : 'id'}>
              {locale === 'id' ? 'English' : 'Bahasa Indonesia'}
            </button>
          </Form>
        </div>
        <h1>{title}</h1>
        <p className="subtitle">{t('app.tagline')}</p>
        {children}
      </div>
    </main>
  )
}
