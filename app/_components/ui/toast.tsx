"use client";
// A minimal toast: one polite live region at the bottom right. Used for
// confirmations of completed actions; errors stay inline next to their form.
import { CheckCircle2, XCircle } from "lucide-react";
import * as React from "react";
import { cn } from "@/app/_lib/utils";

interface ToastItem {
  id: number;
  message: string;
  tone: "success" | "error";
}

const ToastContext = React.createContext<(message: string, tone?: ToastItem["tone"]) => void>(() => undefined);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [items, setItems] = React.useState<ToastItem[]>([]);
  const nextId = React.useRef(1);
  const push = React.useCallback((message: string, tone: ToastItem["tone"] = "success") => {
    const id = nextId.current++;
    setItems((xs) => [...xs.slice(-2), { id, message, tone }]);
    window.setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== id)), 4000);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-[60] flex flex-col gap-2">
        {items.map((t) => (
          <div
            key={t.id}
            role="status"
            className={cn(
              "pointer-events-auto flex items-center gap-2 rounded-md border bg-background px-4 py-2.5 text-sm shadow-md",
              t.tone === "error" ? "border-red-200 text-red-900" : "border-border",
            )}
          >
            {t.tone === "error" ? <XCircle className="size-4 text-destructive" /> : <CheckCircle2 className="size-4 text-emerald-600" />}
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return React.useContext(ToastContext);
}
