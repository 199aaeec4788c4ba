#!/usr/bin/env node
// `npm start`: generate the Prisma client and build Next.js when sources
// changed since the last build, then run the production server (server/main.ts).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const WATCHED = ["app", "server", "emails", "public", "prisma/schema.prisma", "next.config.ts", "middleware.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated", ".aegis"]);

function fingerprint() {
  const h = createHash("sha256");
  const walk = (p) => {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return;
    const st = fs.statSync(full);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) walk(path.join(p, name));
    } else {
      h.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  WATCHED.forEach(walk);
  return h.digest("hex");
}

const stampFile = path.join(root, ".next", "aegis-build-stamp");
const stamp = fingerprint();
const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });

if (!fs.existsSync(path.join(root, "server/db/generated/client.ts")) || !built) run("npx", ["prisma", "generate"]);
if (!built) {
  console.log(JSON.stringify({ level: "info", msg: "building the web app (first start or sources changed)" }));
  run("npx", ["next", "build"]);
  fs.writeFileSync(stampFile, stamp);
}

const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
