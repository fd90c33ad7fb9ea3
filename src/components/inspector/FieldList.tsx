/** Named fields as a definition list: Kafka's field names, values as text (never markup). */
export type Fields = [name: string, value: string | number | boolean | null][]

export function FieldList({ fields, testId }: { fields: Fields; testId?: string }) {
  return (
    <dl className="inspector-fields" data-testid={testId}>
      {fields.map(([name, value]) => (
        <div key={name} data-field={name}>
          <dt>{name}</dt>
          <dd>{value === null ? 'null' : String(value)}</dd>
        </div>
      ))}
    </dl>
  )
}
