/** Just the JSON-body latency table: `npx tsx bench/detection/latency-only.ts`. */
import { latencyTable } from "./latency";

console.log(latencyTable());
