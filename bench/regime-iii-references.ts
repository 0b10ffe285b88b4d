/**
 * `npm run bench:references [-- --K 200 --points 21]`: where the baths settle against the references
 * of `meta`, for the paper's cases (a) and (b) at Γ = 3, 30, 1000 (CPU f64 engine). Prints a markdown
 * table: the global Gibbs state's β*_ref and its bath parts β*_ν,gg (App. B), the infinite-time
 * state's β*_ν(∞), and the measured regime-III β*_ν: the mean of β*_ν(t) over `points` log-spaced
 * t in [1e5, 1e8] (the paper's Fig. 6 window), with its standard error.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { runCpu } from "../src/engine/cpu/cpu-engine.ts";
import type { Problem } from "../src/model/problem.ts";

const { values } = parseArgs({ options: { K: { type: "string", default: "200" }, points: { type: "string", default: "21" } } });
const K = Number(values.K);
const points = Number(values.points);
const times = Array.from({ length: points }, (_, i) => 10 ** (5 + (3 * i) / Math.max(points - 1, 1)));
const cases: Array<[string, Partial<Problem>]> = [["(a)", { muL: 1, muR: -1 }], ["(b)", { muL: 0.5, muR: 0.5 }]];

const f = (x: number) => x.toFixed(3);
/** mean ± standard error of the mean */
function meanErr(xs: number[]): string {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const se = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length * Math.max(xs.length - 1, 1)));
  return `${f(m)} ± ${se.toFixed(3)}`;
}

console.log(`K = ${K}, W = 10, β = (10, 2), regime-III mean over ${points} log times in [1e5, 1e8]; ${os.cpus()[0]?.model ?? "?"}, node ${process.version}\n`);
console.log("| case | Γ | β*_ref (global) | β*_L,gg / β*_R,gg (baths in the global state) | β*_L(∞) / β*_R(∞) (infinite time) | measured β*_L (regime III) | measured β*_R (regime III) |");
console.log("|---|---|---|---|---|---|---|");
const t0 = performance.now();
for (const [name, mu] of cases) {
  for (const Gamma of [3, 30, 1000]) {
    const p: Problem = { KL: K, KR: K, W: 10, epsD: 0, nD: 0, betaL: 10, betaR: 2, muL: 1, muR: -1, ...mu, GammaL: Gamma, GammaR: Gamma, initial: { kind: "thermal" } };
    const { meta: m, rows } = await runCpu(p, times);
    console.log(`| ${name} | ${Gamma} | ${f(m.betaRef)} | ${f(m.betaLgg)} / ${f(m.betaRgg)} | ${f(m.betaLinf)} / ${f(m.betaRinf)} | ${meanErr(rows.map((r) => r.betaL))} | ${meanErr(rows.map((r) => r.betaR))} |`);
  }
}
console.log(`\n${((performance.now() - t0) / 1000).toFixed(1)} s`);
