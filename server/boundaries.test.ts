// Architecture guards: client components never import server modules (only
// types), and no module outside server/env.ts reads process.env.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

// Pure modules that the browser may share with the server: zod schemas and their
// constants, so validation-as-you-type uses the server's exact rules, and the RFC 8785
// canonicalizer, so the in-browser chain verifier hashes exactly the server's bytes.
// Each must itself import only zod or other modules on this list.
const CLIENT_SAFE = new Set(["server/policy/rule-schema", "server/policy/types", "server/policy/json-path", "server/audit/jcs"]);

describe("module boundaries", () => {
  it("client-safe server modules stay pure", () => {
    for (const mod of CLIENT_SAFE) {
      const src = fs.readFileSync(`${mod}.ts`, "utf8");
      const imports = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? "");
      for (const spec of imports) {
        const resolved = spec.startsWith(".") ? path.join(path.dirname(mod), spec) : spec.replace(/^@\//, "");
        expect(spec === "zod" || CLIENT_SAFE.has(resolved), `${mod} imports ${spec}`).toBe(true);
      }
    }
  });

  it("client components import nothing from server/ but types and client-safe schemas", () => {
    const offenders = walk("app")
      .filter((f) => /^\s*["']use client["']/m.test(fs.readFileSync(f, "utf8")))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .filter((l) => /from\s+["']@\/server\//.test(l) && !/^\s*import\s+type\b/.test(l))
          .filter((l) => !CLIENT_SAFE.has(/from\s+["']@\/([^"']+)["']/.exec(l)?.[1] ?? ""))
          .map((l) => `${f}: ${l.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it("only server/env.ts reads process.env in server code", () => {
    const allowed = new Set([
      path.join("server", "env.ts"),
      path.join("server", "testing", "global-setup.ts"),
    ]);
    const offenders = walk("server")
      .filter((f) => !f.endsWith(".test.ts") && !allowed.has(f) && !f.includes(`${path.sep}testing${path.sep}`))
      .filter((f) => /process\.env\.[A-Z_]+/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
