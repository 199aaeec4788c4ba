import { cva, type VariantProps } from "class-variance-authority";
import * as React from "react";
import { cn } from "@/app/_lib/utils";

const alertVariants = cva("relative w-full rounded-lg border px-4 py-3 text-sm [&>svg]:absolute [&>svg]:left-4 [&>svg]:top-3.5 [&>svg]:size-4 [&>svg~*]:pl-7", {
  variants: {
    variant: {
      default: "border-border bg-background",
      info: "border-blue-200 bg-blue-50 text-blue-950",
      warning: "border-amber-200 bg-amber-50 text-amber-950",
      success: "border-emerald-200 bg-emerald-50 text-emerald-950",
      destructive: "border-red-200 bg-red-50 text-red-900",
    },
  },
  defaultVariants: { variant: "default" },
});

export function Alert({
  className, variant, ...props
}: React.HTMLAttributes<HTMLDivElement> & VariantProps<typeof alertVariants>) {
  const role = variant === "destructive" ? "alert" : "status";
  return <div role={role} className={cn(alertVariants({ variant }), className)} {...props} />;
}
export function AlertTitle({ className, ...props }: React.HTMLAttributes<HTMLHeadingElement>) {
  return <h5 className={cn("mb-1 font-medium leading-none", className)} {...props} />;
}
export function AlertDescription({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("text-sm [&_p]:leading-relaxed", className)} {...props} />;
}
