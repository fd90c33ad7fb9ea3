/**
 * Lesson prose from the locale files: blank lines separate paragraphs and `backticks` mark code
 * (config names, source files). Plain text only, so translations cannot inject markup.
 */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>
          {paragraph
            .split('`')
            .map((part, j) => (j % 2 === 1 ? <code key={j}>{part}</code> : part))}
        </p>
      ))}
    </>
  )
}
