import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// `npm run screenshots`: each role's home at desktop and phone width in both languages, written
// to docs/screenshots/ (linked from the README). Not part of `npm test`: it makes pictures, it
// asserts nothing a user would notice that the e2e suite does not already check.
export default defineConfig({ ...base, testDir: 'tests/screenshots', retries: 0, reporter: [['list']] })
