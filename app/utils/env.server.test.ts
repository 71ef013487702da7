import { describe, expect, it } from 'vitest'
import { ConfigError, getEnv } from './env.server'

describe('configuration', () => {
  it('has working defaults', () => {
    const env = getEnv({ NODE_ENV: 'development', DATA_DIR: process.env.DATA_DIR })
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_URL).toBe('./data/mitra.db')
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32)
  })

  it('names the bad variable in a clear message', () => {
    expect(() => getEnv({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => getEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => getEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production/)
    expect(() => getEnv({ STRIPE_SECRET_KEY: 'pk_live_x' })).toThrow(/STRIPE_SECRET_KEY: must start with sk_/)
    expect(() => getEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/)
    expect(() => getEnv({ METRICS_ALLOW: 'everyone' })).toThrow(/METRICS_ALLOW/)
    expect(() => getEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/)
    expect(() => getEnv({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/)
    expect(() => getEnv({ BRAND_COLOR: 'teal' })).toThrow(/BRAND_COLOR: must be a colour like #0f766e/)
    // yellow text on white cannot be read: refused rather than shipped
    expect(() => getEnv({ BRAND_COLOR: '#facc15' })).toThrow(/BRAND_COLOR: is too light/)
  })

  it("takes the vendor's name and a readable colour", () => {
    const env = getEnv({ BRAND_NAME: 'Nusantara Partner Hub', BRAND_COLOR: '#1d4ed8', DATA_DIR: process.env.DATA_DIR })
    expect([env.BRAND_NAME, env.BRAND_COLOR]).toEqual(['Nusantara Partner Hub', '#1d4ed8'])
  })
})
