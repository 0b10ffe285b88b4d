/**
 * The O(N) vectors of C(t) on the GPU, in double-float (shaders/group-sums.wgsl, then
 * shaders/evolve-vectors.wgsl): the occupations, row 0 of U = e^{−iℋt} and the rank-2 factors the bath
 * blocks follow from, written where form-blocks.wgsl reads them. The host keeps only the O(N) per
 * time that needs f64 range reduction: the phases λ·t, D·t, ε·t are reduced mod 2π in f64 here.
 */
import type { TimePlan } from "../run-plan.ts";
import type { GpuContext } from "./device.ts";
import type { Df64Constants } from "./df64-probe.ts";
import { computePipeline, shaderSource } from "./shader-source.ts";
import { upload } from "./gpu-batch.ts";

/** One (problem, t) point: its plan (ℋ's spectrum, C(0)) and the time. */
export interface VectorPoint {
  plan: TimePlan;
  t: number;
}

export interface VectorFormer {
  /**
   * Encodes the vectors of every point: `modes` holds them in form-blocks.wgsl's layout (5 vec4f per
   * mode, the points one after another); `blockTimes` is form-blocks' per-point header for them
   * (K_L, K_R, N, first mode), on the host, for the caller to upload per dispatch.
   * `temporaries` are to be destroyed after submission (modes included).
   */
  encode(pass: GPUComputePassEncoder, points: readonly VectorPoint[]): { modes: GPUBuffer; blockTimes: Uint32Array<ArrayBuffer>; temporaries: GPUBuffer[] };
}

const WG = 64;
const TIME_WORDS = 12;

/** Writes x as a df64 pair (hi = fl32(x), lo = fl32(x − hi)) at `at`. */
function put(a: Float32Array, at: number, x: number) {
  a[at] = x;
  a[at + 1] = x - a[at];
}

export async function createVectorFormer(ctx: GpuContext, exact: Df64Constants): Promise<VectorFormer> {
  const { device } = ctx;
  const df64 = (await shaderSource("df64")) + (await shaderSource("vector-time"));
  const groupSums = await computePipeline(device, df64 + (await shaderSource("group-sums")), { ...exact });
  const evolve = await computePipeline(device, df64 + (await shaderSource("evolve-vectors")), { ...exact });
  return {
    encode(pass, points) {
      // each distinct plan's static arrays once
      const jobs = [...new Set(points.map((p) => p.plan))];
      const at = new Map<TimePlan, { c: number; g: number; m: number }>();
      let nc = 0, G = 0, M = 0;
      for (const plan of jobs) {
        at.set(plan, { c: nc, g: G, m: M });
        nc += plan.spectrum.lambda.length;
        G += plan.spectrum.D.length;
        M += plan.spectrum.N - 1;
      }
      const coupled = new Float32Array(2 * Math.max(nc, 1));
      const origins = new Int32Array(Math.max(nc, 1));
      const groups = new Float32Array(4 * Math.max(G, 1));
      const modes = new Float32Array(8 * Math.max(M, 1));
      const mgroup = new Int32Array(Math.max(M, 1));
      for (const plan of jobs) {
        const o = at.get(plan)!;
        const e = plan.spectrum;
        for (let j = 0; j < e.lambda.length; j++) {
          origins[o.c + j] = e.origin[j];
          put(coupled, 2 * (o.c + j), e.origin[j] < 0 ? e.lambda[j] : e.tau[j]);
        }
        for (let g = 0; g < e.D.length; g++) {
          put(groups, 4 * (o.g + g), e.D[g]);
          put(groups, 4 * (o.g + g) + 2, e.Zhat[g]);
        }
        for (let k = 0; k < e.N - 1; k++) {
          const w = 8 * (o.m + k);
          put(modes, w, e.u[k]);
          put(modes, w + 2, plan.h.z[k]);
          put(modes, w + 4, plan.n0[k + 1]);
          put(modes, w + 6, plan.h.d[k]);
          mgroup[o.m + k] = e.group[k];
        }
      }
      // per time: phases reduced in f64, the header, and form-blocks' header
      const T = points.length;
      let A = 0, P = 0, E = 0;
      let out = 0;
      for (const { plan } of points) {
        A += plan.spectrum.lambda.length;
        P += plan.spectrum.D.length;
        E += plan.spectrum.N - 1;
      }
      const phases = new Float32Array(4 * Math.max(A, 1));
      // per time: e^{−iD t} [G], e^{−iε t} [M], U_00 and n_0
      const tphase = new Float32Array(4 * (P + E + 2 * T));
      const header = new Uint32Array(TIME_WORDS * T);
      const blockTimes = new Uint32Array(4 * T);
      let a0 = 0, s0 = 0, x0 = 0, maxG = 1, maxN = 1;
      points.forEach(({ plan, t }, tau) => {
        const e = plan.spectrum;
        const o = at.get(plan)!;
        const N = e.N;
        const G = e.D.length;
        const pBase = x0;
        const eBase = pBase + G;
        const sc = eBase + N - 1;
        let u00r = 0, u00i = 0;
        for (let j = 0; j < e.lambda.length; j++) {
          const ph = e.lambda[j] * t;
          const ar = Math.cos(ph) * e.s2[j];
          const ai = -Math.sin(ph) * e.s2[j];
          put(phases, 4 * (a0 + j), ar);
          put(phases, 4 * (a0 + j) + 2, ai);
          u00r += ar;
          u00i += ai;
        }
        for (let g = 0; g < G; g++) {
          put(tphase, 4 * (pBase + g), Math.cos(e.D[g] * t));
          put(tphase, 4 * (pBase + g) + 2, -Math.sin(e.D[g] * t));
        }
        for (let k = 0; k < N - 1; k++) {
          if (e.group[k] >= 0) continue;
          put(tphase, 4 * (eBase + k), Math.cos(e.d[k] * t));
          put(tphase, 4 * (eBase + k) + 2, -Math.sin(e.d[k] * t));
        }
        put(tphase, 4 * sc, u00r);
        put(tphase, 4 * sc + 2, u00i);
        put(tphase, 4 * sc + 4, plan.n0[0]);
        header.set([e.lambda.length, G, N, o.c, o.g, o.m, a0, pBase, eBase, out, s0, sc], TIME_WORDS * tau);
        blockTimes.set([plan.problem.KL, plan.problem.KR, N, out], 4 * tau);
        a0 += e.lambda.length;
        s0 += G;
        x0 = sc + 2;
        out += N;
        maxG = Math.max(maxG, G);
        maxN = Math.max(maxN, N);
      });
      const timesBuf = upload(device, header);
      const stat = {
        coupled: upload(device, coupled), origins: upload(device, Uint32Array.from(origins, (x) => x >>> 0)),
        groups: upload(device, groups), modes: upload(device, modes), mgroup: upload(device, Uint32Array.from(mgroup, (x) => x >>> 0)),
      };
      const perTime = { phases: upload(device, phases), tphase: upload(device, tphase) };
      const sums = device.createBuffer({ size: Math.max(1, P) * 32, usage: GPUBufferUsage.STORAGE });
      const modesOut = device.createBuffer({ size: out * 80, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
      const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) => device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      pass.setPipeline(groupSums);
      pass.setBindGroup(0, bind(groupSums, [timesBuf, stat.coupled, stat.origins, stat.groups, perTime.phases, sums]));
      pass.dispatchWorkgroups(Math.ceil(maxG / WG), T);
      pass.setPipeline(evolve);
      pass.setBindGroup(0, bind(evolve, [timesBuf, stat.groups, stat.modes, stat.mgroup, sums, perTime.tphase, modesOut]));
      pass.dispatchWorkgroups(Math.ceil(maxN / WG), T);
      return { modes: modesOut, blockTimes, temporaries: [timesBuf, ...Object.values(stat), ...Object.values(perTime), sums, modesOut] };
    },
  };
}
