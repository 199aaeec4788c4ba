// Login lockout after repeated failures, per account and per IP, in the store
// (shared across instances when Redis is configured).
import type { Store } from "@/server/store/types";

export const LOCKOUT = {
  windowMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerIp: 20,
};

const acctKey = (email: string) => `lockout:acct:${email.toLowerCase()}`;
const ipKey = (ip: string) => `lockout:ip:${ip}`;

export async function isLockedOut(store: Store, email: string, ip: string): Promise<string | null> {
  const [a, i] = await Promise.all([store.get(acctKey(email)), store.get(ipKey(ip))]);
  if (Number(a ?? 0) >= LOCKOUT.maxPerAccount) return "Too many failed sign-ins for this account; try again in 15 minutes";
  if (Number(i ?? 0) >= LOCKOUT.maxPerIp) return "Too many failed sign-ins from this address; try again in 15 minutes";
  return null;
}

export async function recordLoginFailure(store: Store, email: string, ip: string): Promise<void> {
  await Promise.all([
    store.incrBy(acctKey(email), 1, LOCKOUT.windowMs),
    store.incrBy(ipKey(ip), 1, LOCKOUT.windowMs),
  ]);
}

export async function clearLoginFailures(store: Store, email: string): Promise<void> {
  await store.del(acctKey(email));
}
