/**
 * Playback icons as inline SVG: media-control characters (⏮ ⏸) are missing from many fonts,
 * including the ones classroom PCs and CI machines have. Decorative; the button text names them.
 */
const PATHS = {
  play: 'M6 4l14 8-14 8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  stepBack: 'M6 4h3v16H6zM20 4v16L9 12z',
  stepForward: 'M15 4h3v16h-3zM4 4l11 8-11 8z',
} as const

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  )
}
