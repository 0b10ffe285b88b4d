/** Entry of the CLI's build (dist/node/cli.js, run by bin/setsim.mjs where src/ is absent). */
import "./node.ts";
import { main } from "../cli/main.ts";

process.exitCode = await main(process.argv.slice(2));
