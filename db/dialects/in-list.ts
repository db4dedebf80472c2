/** `column in ('a', 'b')`: a value list written once, used for the CHECK on both engines and by zod. */
export function inList(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
}
