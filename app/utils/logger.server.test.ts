import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, REDACTED } from './logger.server'

function capture() {
  const lines: string[] = []
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { log: createLogger('info', out), text: () => lines.join('') }
}

describe('log redaction', () => {
  it('never writes passwords, tokens, cookies, authorization headers or secrets, however deep', () => {
    const { log, text } = capture()
    log.info({ password: 'p4ssw0rd-visible?', form: { email: 'a@b.test', newPassword: 'second-secret-pw' }, headers: { cookie: 'mitra_session=abc.def', authorization: 'Bearer tok-123456' }, smtp: { SMTP_PASS: 'smtp-secret' }, apiKey: 'key-42', list: [{ resetToken: 'tkn-9' }] }, 'event')
    log.info({ path: '/reset-password/secret-reset-token', url: '/invitations/inv-secret?x=1', query: '/x?token=qs-secret&page=2' }, 'paths')
    log.error({ err: new Error('upstream said Bearer abc.def.ghi and /reset-password/tok-in-error') }, 'failure')
    const out = text()
    for (const secret of ['p4ssw0rd-visible?', 'second-secret-pw', 'mitra_session=abc.def', 'tok-123456', 'smtp-secret', 'key-42', 'tkn-9', 'secret-reset-token', 'inv-secret', 'qs-secret', 'abc.def.ghi', 'tok-in-error']) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain(REDACTED)
    // what is not secret stays readable
    expect(out).toContain('a@b.test')
    expect(out).toContain('page=2')
    // one JSON object per line
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow()
  })
})
