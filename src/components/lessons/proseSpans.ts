/**
 * The small markup lesson prose uses, split into spans: `backticks` for code (config names, source
 * files), **double stars** for the key term of a paragraph and *single stars* for emphasis. Code is
 * taken literally; a star without its partner stays a star. Spans are plain text, rendered as React
 * elements, so a translation cannot inject markup.
 */
export interface ProseSpan {
  kind: 'text' | 'code' | 'strong' | 'em'
  text: string
}

const EMPHASIS = /\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g

function emphasisSpans(text: string): ProseSpan[] {
  const spans: ProseSpan[] = []
  let from = 0
  for (const match of text.matchAll(EMPHASIS)) {
    if (match.index > from) spans.push({ kind: 'text', text: text.slice(from, match.index) })
    if (match[1] !== undefined) spans.push({ kind: 'strong', text: match[1] })
    else spans.push({ kind: 'em', text: match[2]! })
    from = match.index + match[0].length
  }
  if (from < text.length) spans.push({ kind: 'text', text: text.slice(from) })
  return spans
}

/** One paragraph's spans, in order. */
export function proseSpans(paragraph: string): ProseSpan[] {
  return paragraph
    .split('`')
    .flatMap((part, i) =>
      i % 2 === 1 ? [{ kind: 'code' as const, text: part }] : emphasisSpans(part),
    )
}

/** Blank lines separate paragraphs. */
export function proseParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/)
}
