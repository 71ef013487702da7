import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

// A merge once left an @media block unclosed: the minifier only warned, and every rule after it
// (a third of the style sheet) silently applied to phones only. Balanced braces, always.
describe('the style sheet', () => {
  it('closes every block it opens', () => {
    const css = fs.readFileSync('app/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/'[^'\n]*'|"[^"\n]*"/g, '""')
    let depth = 0
    let line = 1
    const opened: number[] = []
    for (const ch of css) {
      if (ch === '\n') line++
      if (ch === '{') {
        opened.push(line)
        depth++
      }
      if (ch === '}') {
        depth--
        opened.pop()
        expect(depth, `a "}" without its "{" on line ${line}`).toBeGreaterThanOrEqual(0)
      }
    }
    expect(opened, 'lines whose "{" is never closed').toEqual([])
  })
})
