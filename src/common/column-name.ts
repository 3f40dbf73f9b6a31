/** A PostgreSQL column name as the field the API and the rows call it: `next_steps` → `nextSteps`. */
export function fieldOfColumn(column: string): string {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
