#!/usr/bin/env node
// Entry of `npm run bench`: loads the TypeScript benchmark through tsx.
import { register } from "tsx/esm/api";

register();
await import("../bench/bench.ts");
