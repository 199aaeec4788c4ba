"use client";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { safeCallbackUrl } from "@/app/_lib/utils";

/** next-auth reports failures as codes or, for thrown errors (lockout), as the message itself. */
export function signInErrorText(error: string): string {
  switch (error) {
    case "CredentialsSignin":
      return "Wrong email or password";
    case "SessionRequired":
      return "Sign in to continue";
    case "Configuration":
    case "Callback":
      return "Sign-in is unavailable right now. Try again in a moment.";
    default:
      return error;
  }
}

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get("callbackUrl"));
  const urlError = params.get("error");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(urlError ? signInErrorText(urlError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(signInErrorText(res?.error ?? "CredentialsSignin"));
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } catch {
      setError("Cannot reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const signUpHref = `/sign-up${callbackUrl !== "/orgs" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;

  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <CardTitle className="text-xl">Sign in to Aegis</CardTitle>
        <CardDescription>Welcome back. Use the email and password you signed up with.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <Field id="email" label="Email">
            <Input {...fieldProps("email")} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field id="password" label="Password">
            <Input
              {...fieldProps("password")}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <Button type="submit" disabled={pending || !email || !password}>
            {pending ? <Loader2 className="animate-spin" /> : null}
            Sign in
          </Button>
          <p className="text-center text-sm text-muted-foreground">
            New to Aegis?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href={signUpHref}>
              Create an account
            </Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
