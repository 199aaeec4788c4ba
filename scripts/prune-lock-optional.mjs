#!/usr/bin/env node
// The npm registry reachable from these machines serves only some platform
// builds of packages with native optional dependencies (e.g. no darwin or
// android builds of @tailwindcss/oxide). `npm install` then records those
// optional dependencies without lock entries, and `npm ci` refuses the lock.
// This drops optional dependencies that have no lock entry, so `npm ci`
// installs exactly what was resolvable. Run after `npm install`.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const have = new Set(Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, "")));
let dropped = 0;
for (const [, pkg] of Object.entries(lock.packages)) {
  if (!pkg.optionalDependencies) continue;
  for (const name of Object.keys(pkg.optionalDependencies)) {
    if (!have.has(name)) {
      delete pkg.optionalDependencies[name];
      dropped++;
    }
  }
  if (Object.keys(pkg.optionalDependencies).length === 0) delete pkg.optionalDependencies;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`pruned ${dropped} unresolvable optional dependencies from package-lock.json`);
