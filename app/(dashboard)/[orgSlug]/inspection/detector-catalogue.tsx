"use client";
// The detector catalogue grouped by category, with a switch per category and
// per rule. A switched-off category or rule id lands in `disabledRules`.
// Rules above the current paranoia level are listed but do not run.
import { Badge } from "@/app/_components/ui/badge";
import { Switch } from "@/app/_components/ui/switch";
import { cn } from "@/app/_lib/utils";
import { toggle, type TSettings } from "./form-state";

const CATEGORY_LABELS: Record<string, string> = {
  sqli: "SQL injection", xss: "Cross-site scripting", traversal: "Path traversal", rce: "Command injection", ssrf: "Server-side request forgery",
  ssti: "Template injection", prompt_injection: "Prompt injection", dangerous_action: "Dangerous agent actions", secret: "Credentials (DLP)", pii: "Personal data (DLP)",
};

export function DetectorCatalogue({
  detectors, disabled, paranoia, readOnly, onChange,
}: {
  detectors: TSettings["detectors"];
  disabled: string[];
  paranoia: number;
  readOnly: boolean;
  onChange: (next: string[]) => void;
}) {
  const off = new Set(disabled);
  const groups = new Map<string, TSettings["detectors"]>();
  for (const d of detectors) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  return (
    <div className="divide-y divide-border rounded-md border border-border">
      {[...groups].map(([category, rules]) => {
        const categoryOn = !off.has(category);
        const active = rules.filter((r) => categoryOn && !off.has(r.rule_id) && r.paranoia <= paranoia).length;
        return (
          <details key={category} className="group" data-testid={`category-${category}`}>
            <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-2 text-sm hover:bg-muted/50">
              {/* preventDefault: flipping the switch must not also fold the category open or shut. */}
              <span className="flex" onClick={(e) => e.preventDefault()}>
                <Switch
                  checked={categoryOn}
                  disabled={readOnly}
                  aria-label={`${CATEGORY_LABELS[category] ?? category} detectors`}
                  onCheckedChange={(on) => onChange(toggle(disabled, category, on))}
                />
              </span>
              <span className="font-medium">{CATEGORY_LABELS[category] ?? category}</span>
              <code className="font-mono text-xs text-muted-foreground">{category}</code>
              <span className="ml-auto text-xs text-muted-foreground">{active} of {rules.length} running</span>
            </summary>
            <ul className="grid gap-0.5 px-3 pb-3 pl-14">
              {rules.map((r) => {
                const ruleOn = !off.has(r.rule_id);
                const aboveLevel = r.paranoia > paranoia;
                return (
                  <li key={r.rule_id} className={cn("flex items-center gap-3 py-1 text-xs", (!categoryOn || aboveLevel) && "opacity-60")}>
                    <Switch
                      checked={ruleOn && categoryOn}
                      disabled={readOnly || !categoryOn}
                      aria-label={`Rule ${r.rule_id}`}
                      onCheckedChange={(on) => onChange(toggle(disabled, r.rule_id, on))}
                      className="h-4 w-7 [&>span]:size-3 [&>span.translate-x-4]:translate-x-3"
                    />
                    <code className="w-48 shrink-0 truncate font-mono" title={r.rule_id}>{r.rule_id}</code>
                    <span className="min-w-0 flex-1">{r.description}</span>
                    <Badge variant={aboveLevel ? "outline" : "secondary"} title={aboveLevel ? `Runs from paranoia level ${r.paranoia}` : undefined}>PL{r.paranoia}</Badge>
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
