import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/app/(auth)/sign-in/sign-in-form";

export const metadata: Metadata = { title: "Sign in — Aegis" };

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
