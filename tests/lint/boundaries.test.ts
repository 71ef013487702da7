import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Each fixture is a file that breaks (or keeps) one boundary, linted as if it lived at the path
// on its first line, with the project's own ESLint configuration: the rule must name the break.
const dir = path.resolve('tests/lint/fixtures')
// the fixtures are not part of the TypeScript project, so the type-aware rules are left out for them
const eslint = new ESLint({
  cwd: path.resolve('.'),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/await-thenable': 'off' },
  },
})

const fixtures = fs.readdirSync(dir).filter((f) => f.endsWith('.fixture.ts'))

describe('module boundaries (npm run lint)', () => {
  it('has a fixture for every kind of break', () => {
    const expected = fixtures.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').match(/^\/\/ expect: (\w+)/m)![1])
    expect(new Set(expected)).toEqual(new Set(['routeDb', 'barrel', 'foreignSchema', 'privateFile', 'transaction', 'none']))
  })

  for (const fixture of fixtures) {
    it(`${fixture.replace('.fixture.ts', '').replaceAll('-', ' ')}`, async () => {
      const code = fs.readFileSync(path.join(dir, fixture), 'utf8')
      const as = code.match(/^\/\/ as: (\S+)/m)![1]
      const expected = code.match(/^\/\/ expect: (\w+)/m)![1]
      const [result] = await eslint.lintText(code, { filePath: path.resolve(as) })
      expect(result.messages.filter((m) => m.fatal)).toEqual([])
      const found = result.messages.filter((m) => m.ruleId === 'mitra/boundaries').map((m) => m.messageId)
      if (expected === 'none') expect(found).toEqual([])
      else expect(found).toContain(expected)
    }, 60_000)
  }
})
