import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { NotFound } from '../../utils/errors'
import { makeActor } from '../../../tests/factories'
import { programmeTermsFor } from './content.server'

describe('programme terms page', () => {
  afterEach(() => {
    delete process.env.MITRA_CONTENT_DIR
  })

  it("shows partners the partner terms and suppliers the supplier terms, in the reader's language", async () => {
    const partner = await makeActor({ role: 'partner_user' })
    const supplier = await makeActor({ role: 'supplier_admin' })
    expect(programmeTermsFor({ ...partner, locale: 'en' })).toMatchObject({ audience: 'partner', html: expect.stringContaining('<h') })
    expect(programmeTermsFor({ ...supplier, locale: 'id' }).audience).toBe('supplier')
    expect(programmeTermsFor({ ...partner, locale: 'id' }).html).not.toBe(programmeTermsFor({ ...partner, locale: 'en' }).html)
  })

  it('is not a page for vendor staff', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    expect(() => programmeTermsFor(manager)).toThrow(NotFound)
  })

  it('escapes raw HTML written into the terms file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terms-'))
    fs.mkdirSync(path.join(dir, 'terms'))
    fs.writeFileSync(path.join(dir, 'terms', 'partner.en.md'), '# Terms\n\n<script>alert(1)</script>\n')
    process.env.MITRA_CONTENT_DIR = dir
    const { html } = programmeTermsFor({ ...(await makeActor({ role: 'partner_admin' })), locale: 'en' })
    expect(html).toContain('<h1>Terms</h1>')
    expect(html).not.toContain('<script>')
  })
})
