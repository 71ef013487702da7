import { Fragment } from 'react'

// The marks the search index puts around matched words (search-index.server.ts).
const START = '\u0002'
const END = '\u0003'

/** A search snippet with the matched words in <mark>: text nodes only, so no markup from a document ever renders. */
export function Snippet({ text }: { text: string }) {
  if (!text) return null
  const parts: { text: string; marked: boolean }[] = []
  for (const chunk of text.split(START)) {
    const end = chunk.indexOf(END)
    if (end < 0) parts.push({ text: chunk, marked: false })
    else parts.push({ text: chunk.slice(0, end), marked: true }, { text: chunk.slice(end + 1).replaceAll(END, ''), marked: false })
  }
  return (
    <p className="snippet">
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </p>
  )
}
