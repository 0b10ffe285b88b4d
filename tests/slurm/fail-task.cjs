// Failure injection for tests/slurm.test.ts, loaded into setsim by NODE_OPTIONS=--require: in the Slurm
// array task SETSIM_TEST_FAIL_TASK, the process exits 1 right after its first value file is in place
// (as a node lost mid-shard would leave it), so the rerun must keep that value and compute the rest.
const fs = require("node:fs");
const { syncBuiltinESMExports } = require("node:module");

if (process.env.SLURM_ARRAY_TASK_ID !== undefined && process.env.SLURM_ARRAY_TASK_ID === process.env.SETSIM_TEST_FAIL_TASK) {
  const rename = fs.renameSync;
  fs.renameSync = (from, to) => {
    rename(from, to);
    if (/\d{3}_[^/]*\.json$/.test(String(to))) {
      process.stderr.write(`fail-task.cjs: injected failure of array task ${process.env.SLURM_ARRAY_TASK_ID} after writing ${to}\n`);
      process.exit(1);
    }
  };
  syncBuiltinESMExports();
}
