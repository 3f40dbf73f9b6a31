/** A plain list with antd's spacing (antd 6.6 deprecates its List component). */
export function SimpleList<T>({ items, render, empty, keyOf }: { items: T[]; render: (item: T) => React.ReactNode; empty?: React.ReactNode; keyOf: (item: T, index: number) => string }) {
  if (!items.length) return <>{empty ?? null}</>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li key={keyOf(item, i)} style={{ padding: '8px 0', borderBottom: i === items.length - 1 ? undefined : '1px solid #f0f0f0' }}>
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
