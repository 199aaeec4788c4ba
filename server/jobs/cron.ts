/**
 * The cron forms the local driver supports (UTC): five fields where minute and hour
 * are "*", "*\/N", a number or a comma list of numbers, and day-of-month, month and
 * day-of-week are "*". That covers the schedules jobs declare ("0 3 * * *",
 * "*\/15 * * * *"); anything else is rejected when the driver starts, not skipped.
 */
type TField = (value: number) => boolean;

function parseField(field: string, max: number): TField {
  if (field === "*") return () => true;
  const step = /^\*\/(\d+)$/.exec(field);
  if (step) {
    const n = Number(step[1]);
    if (!(n >= 1 && n <= max)) throw new Error(`cron step out of range: ${field}`);
    return (v) => v % n === 0;
  }
  if (/^\d+(,\d+)*$/.test(field)) {
    const values = new Set(field.split(",").map(Number));
    for (const v of values) if (v > max) throw new Error(`cron value out of range: ${field}`);
    return (v) => values.has(v);
  }
  throw new Error(`unsupported cron field "${field}"`);
}

export type TCron = { next(after: Date): Date };

export function parseCron(expression: string): TCron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${expression}" must have 5 fields`);
  const [minute = "", hour = "", dom, month, dow] = fields;
  if (dom !== "*" || month !== "*" || dow !== "*") throw new Error(`cron "${expression}": only minute and hour may be restricted`);
  const isMinute = parseField(minute, 59);
  const isHour = parseField(hour, 23);
  return {
    next(after) {
      const t = new Date(after.getTime());
      t.setUTCSeconds(0, 0);
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      // At most one day of minutes: every supported form fires at least daily.
      for (let i = 0; i <= 24 * 60; i++) {
        if (isHour(t.getUTCHours()) && isMinute(t.getUTCMinutes())) return t;
        t.setUTCMinutes(t.getUTCMinutes() + 1);
      }
      throw new Error(`cron "${expression}" never fires`);
    },
  };
}
