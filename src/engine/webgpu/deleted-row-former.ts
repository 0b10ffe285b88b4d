/**
 * S_B(t) − S_tot on the GPU in double-float, from the vectors of C(t) already there (vector-former.ts):
 * the weights of each pole group (shaders/deleted-row-weights.wgsl), then every root of the deleted-row
 * secular equation of every point in one dispatch (shaders/deleted-row-secular.wgsl). Only one df64
 * term per pole comes back; the host adds a point's terms in f64 (O(N) a point), so the O(N²) secular
 * roots, the host's largest share per point, leave the CPU.
 */
import type { TimePlan } from "../run-plan.ts";
import { type DeletedRowPoles, deletedRowPoles } from "../../spectrum/deleted-row.ts";
import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import type { VectorPoint } from "./vector-former.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { upload } from "./gpu-batch.ts";

export interface DeletedRowFormer {
  /**
   * Encodes S_B − S_tot of every point from `modes` (evolve-vectors.wgsl's output for the same points,
   * in the same order). `changes(bytes)` turns `terms`, once read back, into one value per point;
   * `temporaries` are to be destroyed after submission (terms included).
   */
  encode(pass: GPUComputePassEncoder, points: readonly VectorPoint[], modes: GPUBuffer): {
    terms: GPUBuffer;
    temporaries: GPUBuffer[];
    changes(bytes: ArrayBuffer): Float64Array;
  };
}

const WG = 64;
const HEADER_WORDS = 4;
/** poles below this are taken as 0: h(p) < 1e−28, and f32 (df64's exponent) would not hold them */
const TINY = 2 ** -100;

/** Writes x as a df64 pair (hi = fl32(x), lo = fl32(x − hi)) at `at`. */
function put(a: Float32Array, at: number, x: number) {
  a[at] = x;
  a[at + 1] = x - a[at];
}

/** Each plan's poles, grouped once (C(0)'s occupations do not change with t). */
const polesOf = new WeakMap<TimePlan, DeletedRowPoles>();
function poles(plan: TimePlan): DeletedRowPoles {
  let p = polesOf.get(plan);
  if (!p) polesOf.set(plan, (p = deletedRowPoles(plan.n0)));
  return p;
}

export async function createDeletedRowFormer(ctx: GpuContext, exact: Df64Constants): Promise<DeletedRowFormer> {
  const { device } = ctx;
  const head = (await shaderSource("df64")) + (await shaderSource("deleted-row-time"));
  const weightsPipeline = await computePipeline(device, head + (await shaderSource("deleted-row-weights")), { ...exact });
  const secular = await computePipeline(device, head + (await shaderSource("df64-entropy")) + (await shaderSource("deleted-row-secular")), { ...exact });
  return {
    encode(pass, points, modes) {
      // each distinct plan's groups once: poles (p, 1 − p), member ranges, members
      const jobs = [...new Set(points.map((p) => p.plan))];
      const at = new Map<TimePlan, number>();
      let G = 0, M = 0;
      for (const plan of jobs) {
        at.set(plan, G);
        G += poles(plan).value.length;
        M += plan.n0.length;
      }
      const poleData = new Float32Array(4 * G);
      const ranges = new Uint32Array(2 * G);
      const members = new Uint32Array(Math.max(M, 1));
      let m0 = 0;
      for (const plan of jobs) {
        const { order, start, value } = poles(plan);
        const g0 = at.get(plan)!;
        for (let g = 0; g < value.length; g++) {
          const p = value[g] < TINY ? 0 : value[g];
          put(poleData, 4 * (g0 + g), p);
          // exact in f64 (Sterbenz) where it matters, near 1
          put(poleData, 4 * (g0 + g) + 2, 1 - p);
          ranges.set([m0 + start[g], start[g + 1] - start[g]], 2 * (g0 + g));
        }
        members.set(order, m0);
        m0 += order.length;
      }
      // per time: P, the job's groups, the time's modes (as vector-former.ts lays them out), its terms
      const header = new Uint32Array(HEADER_WORDS * points.length);
      const wBase: number[] = [];
      let out = 0, w = 0;
      points.forEach(({ plan }, tau) => {
        const P = poles(plan).value.length;
        header.set([P, at.get(plan)!, out, w], HEADER_WORDS * tau);
        wBase.push(w);
        out += plan.spectrum.N;
        w += P;
      });
      const buffers = {
        times: upload(device, header), poles: upload(device, poleData), ranges: upload(device, ranges), members: upload(device, members),
      };
      const weights = device.createBuffer({ size: Math.max(16, 8 * w), usage: GPUBufferUsage.STORAGE });
      const terms = device.createBuffer({ size: Math.max(16, 8 * w), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      const bind = (pipeline: GPUComputePipeline, bs: GPUBuffer[]) => device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: bs.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      // one invocation per group of every time, over a flat index x + y·width
      const groups = Math.ceil(w / WG);
      const x = Math.min(groups, device.limits.maxComputeWorkgroupsPerDimension);
      pass.setPipeline(weightsPipeline);
      pass.setBindGroup(0, bind(weightsPipeline, [buffers.times, buffers.ranges, buffers.members, modes, weights]));
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      pass.setPipeline(secular);
      pass.setBindGroup(0, bind(secular, [buffers.times, buffers.poles, weights, terms]));
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      return {
        terms,
        temporaries: [...Object.values(buffers), weights, terms],
        changes(bytes) {
          const t = new Float32Array(bytes);
          return Float64Array.from(points, ({ plan }, tau) => {
            // in order of the poles, each df64 term exact in f64
            let s = 0;
            const end = wBase[tau] + poles(plan).value.length;
            for (let i = wBase[tau]; i < end; i++) s += t[2 * i] + t[2 * i + 1];
            return s;
          });
        },
      };
    },
  };
}
