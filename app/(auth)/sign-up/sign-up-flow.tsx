"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ArrowRight, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { QuickStart } from "@/app/_components/quick-start";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldProps } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { SecretReveal } from "@/app/_components/ui/secret-reveal";
import { toFormError, type FormError } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { safeCallbackUrl } from "@/app/_lib/utils";

interface Created {
  orgSlug: string;
  apiKey: string;
  signedIn: boolean;
}

export function SignUpFlow() {
  const params = useSearchParams();
  const callbackUrl = params.get("callbackUrl");
  // The key lives only in this component's state: a reload loses it for good.
  const [created, setCreated] = useState<Created | null>(null);
  if (created) return <FirstKey created={created} callbackUrl={callbackUrl} />;
  return <SignUpForm invitedEmail={params.get("email")} isInvite={!!callbackUrl?.startsWith("/invite/")} callbackUrl={callbackUrl} onCreated={setCreated} />;
}

function SignUpForm({
  invitedEmail, isInvite, callbackUrl, onCreated,
}: {
  invitedEmail: string | null;
  isInvite: boolean;
  callbackUrl: string | null;
  onCreated: (c: Created) => void;
}) {
  const trpc = useTRPC();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  const [form, setForm] = useState({ email: invitedEmail ?? "", name: "", password: "", orgName: isInvite ? "Personal" : "" });
  const [error, setError] = useState<FormError | null>(null);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signingIn, setSigningIn] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const res = await signUp.mutateAsync({
        email: form.email, password: form.password, name: form.name.trim() || undefined, orgName: form.orgName,
      });
      setSigningIn(true);
      const signed = await signIn("credentials", { email: form.email, password: form.password, redirect: false }).catch(() => null);
      onCreated({ orgSlug: res.orgSlug, apiKey: res.apiKey, signedIn: !!signed?.ok && !signed.error });
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setSigningIn(false);
    }
  }

  const pending = signUp.isPending || signingIn;
  const signInHref = `/sign-in${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`;

  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle className="text-xl">Create your Aegis account</CardTitle>
        <CardDescription>
          {isInvite
            ? "Create your account, then accept the invitation. Every account also gets its own workspace."
            : "You get an organization and a first API key. Point one upstream at the gateway and you are protected."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {me.data ? (
          <Alert variant="info" className="mb-4">
            You are signed in as {me.data.user.email}.{" "}
            <Link href="/orgs" className="font-medium underline underline-offset-4">Go to your dashboard</Link>
          </Alert>
        ) : null}
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {error && Object.keys(error.fields).length === 0 ? <Alert variant="destructive">{error.message}</Alert> : null}
          <Field id="email" label="Email" error={error?.fields.email}>
            <Input {...fieldProps("email", error?.fields.email)} type="email" autoComplete="email" required value={form.email} onChange={set("email")} />
          </Field>
          <Field id="name" label="Your name (optional)" error={error?.fields.name}>
            <Input {...fieldProps("name", error?.fields.name)} autoComplete="name" value={form.name} onChange={set("name")} />
          </Field>
          <Field id="password" label="Password" hint="At least 10 characters, mixing letters with digits or symbols." error={error?.fields.password}>
            <Input
              {...fieldProps("password", error?.fields.password, true)}
              type="password"
              autoComplete="new-password"
              required
              value={form.password}
              onChange={set("password")}
            />
          </Field>
          <Field
            id="orgName"
            label={isInvite ? "Your own workspace name" : "Organization name"}
            hint={isInvite ? "You can ignore it; you'll join the inviting organization next." : "Usually your company or team. You can rename it later."}
            error={error?.fields.orgName}
          >
            <Input {...fieldProps("orgName", error?.fields.orgName, true)} autoComplete="organization" required value={form.orgName} onChange={set("orgName")} />
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? <Loader2 className="animate-spin" /> : null}
            Create account
          </Button>
          <p className="text-center text-sm text-muted-foreground">
            Already have an account?{" "}
            <Link className="font-medium text-primary underline-offset-4 hover:underline" href={signInHref}>
              Sign in
            </Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}

function FirstKey({ created, callbackUrl }: { created: Created; callbackUrl: string | null }) {
  const router = useRouter();
  const next = safeCallbackUrl(callbackUrl, `/${created.orgSlug}/overview`);
  function onContinue() {
    if (!created.signedIn) router.push(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
    else {
      router.push(next);
      router.refresh();
    }
  }
  return (
    <Card className="w-full max-w-2xl">
      <CardHeader>
        <CardTitle className="text-xl">Your account is ready</CardTitle>
        <CardDescription>
          This is the first API key of your organization. Clients send it to the gateway as a bearer token.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <SecretReveal label="API key" value={created.apiKey} testId="new-api-key" />
        <div className="grid gap-2">
          <span className="text-sm font-medium">Quick start</span>
          <QuickStart apiKey={created.apiKey} />
          <p className="text-xs text-muted-foreground">
            Replace <code className="font-mono">my-upstream</code> with the name of an upstream you register in the dashboard.
          </p>
        </div>
        {!created.signedIn ? (
          <Alert variant="warning">Your account was created but we could not sign you in automatically. Sign in to continue.</Alert>
        ) : null}
      </CardContent>
      <CardFooter className="justify-end">
        <Button onClick={onContinue}>
          I saved my key, continue
          <ArrowRight />
        </Button>
      </CardFooter>
    </Card>
  );
}
