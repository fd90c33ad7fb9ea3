/**
 * Text measured without the DOM (so layout stays pure math): a rough on-screen width at 14 px,
 * word wrapping onto a few lines, and an ellipsis for what still does not fit. The canvas never
 * shrinks its type below 14 px; it wraps or shortens instead.
 */

/** Em widths of Noto Sans by kind of character (rounded up a little: better wrap than overflow). */
const NARROW = /[iljtf.,:;'|!()[\]{} ]/
const WIDE = /[mwMW@%]/
const CJK = /[\u2e80-\uffff]/

/** Rough on-screen width of a label at `fontSize` px (CJK characters are square). */
export function textWidth(text: string, fontSize = 14): number {
  let em = 0
  for (const ch of text)
    em += CJK.test(ch)
      ? 1
      : NARROW.test(ch)
        ? 0.32
        : WIDE.test(ch)
          ? 0.88
          : /[A-Z0-9]/.test(ch)
            ? 0.64
            : 0.56
  return em * fontSize
}

/** Cuts `text` to fit `width` with a trailing ellipsis (unchanged when it fits). */
export function ellipsize(text: string, width: number, fontSize = 14): string {
  if (textWidth(text, fontSize) <= width) return text
  const chars = [...text]
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop()
  return `${chars.join('')}…`
}

/**
 * Breaks `text` into at most `maxLines` lines of at most `width`: after spaces, colons and the
 * full-width colon (so "controller: unregistered" becomes two lines), or between CJK characters.
 * Two lines are balanced (the break that keeps the longer line shortest), so a unit never sits
 * alone on the second line. The last line is ellipsized if the text is still too long.
 */
export function wrapText(text: string, width: number, maxLines = 2, fontSize = 14): string[] {
  if (textWidth(text, fontSize) <= width || maxLines <= 1) return [ellipsize(text, width, fontSize)]
  // Break opportunities: after a space or colon, or before/after any CJK character.
  const pieces = text.match(/[^\s:：\u2e80-\uffff]+[\s:：]*|[\u2e80-\uffff][\s:：]*|[\s:：]+/g) ?? [
    text,
  ]
  const measure = (from: number, to: number) =>
    textWidth(pieces.slice(from, to).join('').trim(), fontSize)
  if (maxLines === 2) {
    let best: number | null = null
    for (let k = 1; k < pieces.length; k++) {
      const longest = Math.max(measure(0, k), measure(k, pieces.length))
      if (
        longest <= width &&
        (best === null || longest < Math.max(measure(0, best), measure(best, pieces.length)))
      )
        best = k
    }
    if (best !== null)
      return [pieces.slice(0, best).join('').trim(), pieces.slice(best).join('').trim()]
  }
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const piece of pieces) {
    if (line !== '' && textWidth((line + piece).trimEnd(), fontSize) > width) {
      lines.push(line.trimEnd())
      if (lines.length === maxLines - 1)
        return [...lines, ellipsize(text.slice(used).trim(), width, fontSize)]
      line = ''
    }
    line += piece
    used += piece.length
  }
  return [...lines, line.trimEnd()]
}
