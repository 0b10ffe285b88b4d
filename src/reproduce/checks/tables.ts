/** Reading a sweep's table of regime-III averages (Fig. 6) for the checks. */
import type { AverageEntry } from "../../io/format.ts";
import type { Row } from "../../observables/columns.ts";

/** A Γ sweep's regime-III averages and its bath sizes (for the normalized correlations). */
export interface AveragesTable {
  KL: number;
  KR: number;
  table: readonly AverageEntry[];
}

/** The smallest and largest of f over the table's rows. */
export function rangeOver(t: AveragesTable, f: (r: Row) => number): { min: number; max: number } {
  const v = t.table.map((e) => f(e.average));
  return { min: Math.min(...v), max: Math.max(...v) };
}

/** "Γ = 3.16 … 1000" for a table's swept values. */
export function valueRange(t: AveragesTable): string {
  const v = t.table.map((e) => e.value);
  return `Γ = ${+Math.min(...v).toPrecision(3)} … ${+Math.max(...v).toPrecision(3)}`;
}

/** |a − b| over their mean. */
export const relativeGap = (a: number, b: number): number => Math.abs(a - b) / ((Math.abs(a) + Math.abs(b)) / 2);
