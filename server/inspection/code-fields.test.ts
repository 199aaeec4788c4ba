import { describe, expect, it } from "vitest";
import { CODE_FIELD, isCodeFieldLocation } from "./code-fields";

describe("isCodeFieldLocation", () => {
  it("agrees with the CODE_FIELD pattern", () => {
    const names = ["sql", "query", "cmd", "commands", "args", "argv", "cli", "code", "mysql", "sqlx", "x_sql", "a.sql", "Sql", "notes", "s", ""];
    const tails = ["", "[0]", "[12]", "[0][1]", "[]", "[x]", "]", "["];
    const prefixes = ["", "body.", "body.items[3].", "action.params.", "query.", "body.a_", "body."];
    for (const p of prefixes) for (const n of names) for (const t of tails) {
      const location = `${p}${n}${t}`;
      expect(isCodeFieldLocation(location), location).toBe(CODE_FIELD.test(location));
    }
  });
});
