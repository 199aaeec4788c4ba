import type { Metadata } from "next";
import { Suspense } from "react";
import { SignUpFlow } from "@/app/(auth)/sign-up/sign-up-flow";

export const metadata: Metadata = { title: "Create your account — Aegis" };

export default function SignUpPage() {
  return (
    <Suspense>
      <SignUpFlow />
    </Suspense>
  );
}
