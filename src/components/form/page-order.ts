// Puts a form's errors in the order its fields stand on the page, so the summary reads top down.

/** The form-level message first, then the listed fields in order, then any others as they came. */
export function inPageOrder(errors: Record<string, string>, order: readonly string[]): [string, string][] {
  const rank = new Map(order.map((field, i) => [field, i]));
  const place = (field: string) => (field === 'form' ? -1 : (rank.get(field) ?? order.length));
  return Object.entries(errors)
    .map((entry, arrived) => ({ entry, arrived }))
    .sort((a, b) => place(a.entry[0]) - place(b.entry[0]) || a.arrived - b.arrived)
    .map(({ entry }) => entry);
}
