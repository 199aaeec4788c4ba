// A DNS lookup for node:http/https sockets that refuses disallowed addresses. Because the check
// runs inside the socket's own lookup, the address validated is the one connected to: a name
// that resolves public at config time and internal at request time (DNS rebinding) still fails.
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { assertAllowedAddresses, systemResolve, type TResolve } from "@/server/proxy/ssrf";

export function createSafeLookup(opts: { allowPrivate: boolean; resolve?: TResolve }): LookupFunction {
  const resolve = opts.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        try {
          assertAllowedAddresses(hostname, answers.map((a) => a.address), opts.allowPrivate);
        } catch (err) {
          callback(err as NodeJS.ErrnoException, "", 4);
          return;
        }
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const matching: LookupAddress[] = family ? answers.filter((a) => a.family === family) : answers;
        if (options.all) {
          callback(null, matching);
          return;
        }
        const first = matching[0];
        if (!first) {
          const err: NodeJS.ErrnoException = Object.assign(new Error(`no IPv${family} address for ${hostname}`), { code: "ENOTFOUND" });
          callback(err, "", 4);
          return;
        }
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 4),
    );
  };
}
