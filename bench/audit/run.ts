/**
 * Audit benchmarks: `npx tsx bench/audit/run.ts [--events 1000000] [--only-verify] [--skip-every] [--regenerate]`.
 * Prints a markdown table for bench/results/audit.md. Targets come from the audit spec:
 * Merkle root over 1M events < 10 s, verifying a 1M-event export < 20 s, and signing
 * far above the appender's 5,000 events/s.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ZERO_HASH_HEX } from "@/server/audit/bytes";
import { createLocalSigner, hashEvent, sealEvent, sealEventChain } from "@/server/audit/event";
import { generateKeyPair, signNative, signNoble, verifyNative, verifyNoble } from "@/server/audit/ed25519";
import { verifyExportStream, type TVerifyOptions } from "@/server/audit/export-verify";
import { splitLines } from "@/server/audit/lines";
import { generateSigningKey } from "@/server/audit/keys";
import { MerkleAccumulator } from "@/server/audit/merkle";
import { sampleEventBody } from "@/server/audit/sample-log";
import { generateExport } from "./generate-export";
import { TABLE_HEADER, machine, measure, measureAsync, row, type TMeasurement } from "./measure";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = numberArg("--events", 1_000_000);
const rows: string[] = [];
const report = (m: TMeasurement, target?: string) => {
  const line = row(m, target);
  rows.push(line);
  console.log(line);
};

console.log(machine());
console.log(TABLE_HEADER);

const onlyVerify = flag("--only-verify");
if (!onlyVerify) {
  microBenches();
  await sealBatches();
}

/** The appender's group commit: sequential hashing, signatures on the threadpool. */
async function sealBatches(): Promise<void> {
  const signer = createLocalSigner(generateSigningKey("org_bench"));
  const drafts = Array.from({ length: 20_000 }, (_, i) => {
    const { prev_hash: _drop, ...draft } = sampleEventBody("org_bench", i + 1, ZERO_HASH_HEX);
    return draft;
  });
  report(
    await measureAsync("sealEventChain, batches of 256 (threadpool sign)", drafts.length, async () => {
      let prev = ZERO_HASH_HEX;
      for (let i = 0; i < drafts.length; i += 256) {
        const sealed = await sealEventChain(drafts.slice(i, i + 256), prev, signer);
        prev = sealed[sealed.length - 1]?.hash ?? prev;
      }
    }),
    ">= 5,000/s, far above",
  );
}

function microBenches(): void {
  // 1. Appender hot path: hash + sign per event, both Ed25519 backends.
  const org = "org_bench";
  const bodies = Array.from({ length: 20_000 }, (_, i) => sampleEventBody(org, i + 1, ZERO_HASH_HEX));
  const key = generateSigningKey(org);
  report(measure("event hash only (JCS + SHA-256)", bodies.length, () => bodies.forEach((b) => hashEvent(b))));
  const native = createLocalSigner(key);
  report(measure("seal event: zod + hash + sign (native)", bodies.length, () => bodies.forEach((b) => sealEvent(b, native))), ">= 5,000/s, far above");
  const noble = { keyId: key.keyId, sign: (h: Uint8Array) => signNoble(h, key.secretKey) };
  report(measure("seal event: zod + hash + sign (noble)", 2_000, () => bodies.slice(0, 2_000).forEach((b) => sealEvent(b, noble))), ">= 5,000/s, far above");

  // 2. Signature verification alone, both backends.
  const pair = generateKeyPair();
  const hashes = Array.from({ length: 5_000 }, () => randomBytes(32));
  const sigs = hashes.map((h) => signNative(h, pair.secretKey));
  report(measure("verify signature (native)", hashes.length, () => hashes.forEach((h, i) => verifyNative(sigs[i] as Uint8Array, h, pair.publicKey))));
  report(measure("verify signature (noble, zip215 off)", 500, () => hashes.slice(0, 500).forEach((h, i) => verifyNoble(sigs[i] as Uint8Array, h, pair.publicKey))));
  report(measure("sign (native)", hashes.length, () => hashes.forEach((h) => signNative(h, pair.secretKey))));
  report(measure("sign (noble)", 1_000, () => hashes.slice(0, 1_000).forEach((h) => signNoble(h, pair.secretKey))));

  // 3. Merkle root over EVENTS event hashes (leaf hashing included).
  const eventHashes = randomBytes(32 * EVENTS);
  report(
    measure(`Merkle root over ${EVENTS.toLocaleString("en-US")} events`, EVENTS, () => {
      const acc = new MerkleAccumulator();
      for (let i = 0; i < EVENTS; i++) acc.append(eventHashes.subarray(i * 32, i * 32 + 32));
      acc.root();
    }),
    "1M < 10 s",
  );

}

// 4. Export verification, streaming from a file like the CLI will.
const file = path.join(os.tmpdir(), `aegis-audit-bench-${EVENTS}.jsonl`);
if (!existsSync(file) || flag("--regenerate")) {
  report(await measureAsync(`generate export (seal + tree heads + write)`, EVENTS, () => generateExport(file, EVENTS)));
}
console.log(`export file ${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB`);

async function verifyFile(options: TVerifyOptions): Promise<void> {
  const label = `verifyExport ${EVENTS.toLocaleString("en-US")} events, ${JSON.stringify(options)}`;
  const m = await measureAsync(label, EVENTS, async () => {
    const result = await verifyExportStream(splitLines(createReadStream(file, { highWaterMark: 1 << 20 })), options);
    if (!result.ok || result.events !== EVENTS) throw new Error(`bench export did not verify: ${JSON.stringify(result)}`);
  });
  report(m, "1M < 20 s");
}
await verifyFile({ eventSignatures: "uncovered" });
if (!flag("--skip-every")) {
  await verifyFile({ eventSignatures: "every", parallelSignatures: true });
  if (!flag("--skip-sequential")) await verifyFile({ eventSignatures: "every" });
}

console.log("\n" + rows.join("\n"));
