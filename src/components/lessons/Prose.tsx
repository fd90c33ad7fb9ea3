import { proseParagraphs, proseSpans, type ProseSpan } from './proseSpans'

function Span({ span }: { span: ProseSpan }) {
  switch (span.kind) {
    case 'code':
      return <code>{span.text}</code>
    case 'strong':
      return <strong>{span.text}</strong>
    case 'em':
      return <em>{span.text}</em>
    default:
      return span.text
  }
}

/**
 * Lesson prose from the locale files: blank lines separate paragraphs; `backticks`, **strong** and
 * *em* are the only markup (proseSpans.ts). Plain text only, so translations cannot inject markup.
 */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {proseParagraphs(text).map((paragraph, i) => (
        <p key={i}>
          {proseSpans(paragraph).map((span, j) => (
            <Span key={j} span={span} />
          ))}
        </p>
      ))}
    </>
  )
}
