// Entry of the audit thread (thread-sink.ts). A worker_thread does not inherit the parent's
// TypeScript loader, so this plain module loads the TypeScript entry through tsx (a runtime
// dependency: `npm start` runs server/main.ts with it too).
import { tsImport } from "tsx/esm/api";

await tsImport("./thread-sink-worker.ts", import.meta.url);
