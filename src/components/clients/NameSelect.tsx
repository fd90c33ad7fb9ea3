/** A select of plain names (topics, compression codecs): each option shows its own value. */
export function NameSelect({
  id,
  value,
  names,
  onChange,
}: {
  id?: string
  value: string
  names: readonly string[]
  onChange: (name: string) => void
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  )
}
