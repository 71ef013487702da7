import { describe, expect, it } from 'vitest'
import { en } from '../locales/en'
import { id } from '../locales/id'
import { localeFromAcceptLanguage, translate } from './i18n'

describe('i18n', () => {
  it('has every English key translated to Bahasa Indonesia, with the same placeholders', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(id[key].trim(), key).not.toBe('')
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
      expect(placeholders(id[key]), key).toEqual(placeholders(en[key]))
    }
  })

  it('picks the language from Accept-Language, defaulting to Bahasa Indonesia', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en')
    expect(localeFromAcceptLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id')
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.5')).toBe('en')
    expect(localeFromAcceptLanguage('de-DE')).toBe('id')
    expect(localeFromAcceptLanguage(null)).toBe('id')
  })

  it('fills placeholders', () => {
    expect(translate('en', 'list.pageOf', { page: 2, pages: 5 })).toBe('Page 2 of 5')
  })
})
