/** Regime-III averages (SPEC §3): the arithmetic mean of every quantity over the averaging times. */
import { ROW_COLUMNS, type Row } from "../observables/columns.ts";

/** Column-wise mean of rows; `t` becomes the mean time. Non-finite entries make their mean non-finite. */
export function meanRow(rows: readonly Row[]): Row {
  const out = {} as Row;
  for (const c of ROW_COLUMNS) {
    let s = 0;
    for (const r of rows) s += r[c];
    out[c] = s / rows.length;
  }
  return out;
}
