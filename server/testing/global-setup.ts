// Placeholder replaced by the per-run database setup (see server/testing/db.ts).
export default async function setup(): Promise<void> {}
