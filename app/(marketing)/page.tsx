import { ArrowRight, Eye, FileLock2, Power, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { Logo } from "@/app/_components/logo";
import { PIPELINE } from "@/app/_components/pipeline";
import { Button } from "@/app/_components/ui/button";

const PRINCIPLES = [
  { icon: Power, title: "A kill switch that works", text: "Stop one agent, one upstream or everything. It is the first stage, so it works even when the rest is busy." },
  { icon: Eye, title: "Shadow mode first", text: "Watch real decisions on real traffic before you enforce them. Nothing is blocked until you say so." },
  { icon: ShieldCheck, title: "Explicit failure modes", text: "Every stage declares whether it fails open or closed, and every degraded decision is recorded as such." },
  { icon: FileLock2, title: "Evidence you can verify", text: "Decisions are signed and chained before the response leaves. Export the trail and verify it offline." },
];

export default function LandingPage() {
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <Logo />
        <nav className="flex items-center gap-2" aria-label="Account">
          <Button asChild variant="ghost"><Link href="/sign-in">Sign in</Link></Button>
          <Button asChild><Link href="/sign-up">Get started</Link></Button>
        </nav>
      </header>

      <main>
        <section className="mx-auto max-w-6xl px-6 pb-16 pt-14 sm:pt-20">
          <p className="text-sm font-medium text-primary">Runtime firewall for APIs and AI agents</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Every call your agents make, inspected, decided and proven.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-muted-foreground text-pretty">
            Aegis sits between your agents or API clients and the services they call. It blocks injection, data leaks and dangerous
            actions at runtime, keeps real credentials out of the agent&apos;s hands, and writes a signed audit trail of every decision.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Button asChild size="lg"><Link href="/sign-up">Create an account <ArrowRight /></Link></Button>
            <Button asChild size="lg" variant="outline"><Link href="/sign-in">Sign in</Link></Button>
          </div>
        </section>

        <section aria-labelledby="how" className="border-y border-border bg-muted/40">
          <div className="mx-auto grid max-w-6xl gap-10 px-6 py-16 lg:grid-cols-2">
            <div>
              <h2 id="how" className="text-2xl font-semibold tracking-tight">One line to adopt</h2>
              <p className="mt-3 text-muted-foreground">
                Register an upstream, then change your client&apos;s base URL to the gateway and authenticate with an Aegis key. Paths, methods,
                bodies and streaming responses pass through unchanged when the decision is to allow.
              </p>
            </div>
            <pre className="whitespace-pre-wrap break-all rounded-lg border border-border bg-zinc-950 p-5 font-mono text-sm leading-relaxed text-zinc-100">
              <span className="text-zinc-500"># before</span>{"\n"}
              <span className="text-red-300">- https://api.openai.com/v1/chat/completions</span>{"\n\n"}
              <span className="text-zinc-500"># after</span>{"\n"}
              <span className="text-emerald-300">+ https://aegis.example.com/v1/gateway/openai/v1/chat/completions</span>{"\n"}
              <span className="text-emerald-300">+ Authorization: Bearer aegis_…</span>
            </pre>
          </div>
        </section>

        <section aria-labelledby="pipeline" className="mx-auto max-w-6xl px-6 py-16">
          <h2 id="pipeline" className="text-2xl font-semibold tracking-tight">What happens to each request</h2>
          <p className="mt-3 max-w-2xl text-muted-foreground">The same ordered pipeline runs for every call, and each stage is timed and recorded.</p>
          <ol className="mt-8 grid gap-px overflow-hidden rounded-lg border border-border bg-border sm:grid-cols-2 lg:grid-cols-3">
            {PIPELINE.map((stage, i) => (
              <li key={stage.name} className="bg-background p-5">
                <div className="flex items-baseline gap-2">
                  <span className="font-mono text-xs text-muted-foreground">{String(i + 1).padStart(2, "0")}</span>
                  <h3 className="font-medium">{stage.name}</h3>
                </div>
                <p className="mt-2 text-sm text-muted-foreground">{stage.long}</p>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="principles" className="border-t border-border bg-muted/40">
          <div className="mx-auto max-w-6xl px-6 py-16">
            <h2 id="principles" className="text-2xl font-semibold tracking-tight">Built for the day something goes wrong</h2>
            <div className="mt-8 grid gap-8 sm:grid-cols-2">
              {PRINCIPLES.map((p) => (
                <div key={p.title} className="flex gap-4">
                  <p.icon className="mt-0.5 size-5 shrink-0 text-primary" aria-hidden />
                  <div>
                    <h3 className="font-medium">{p.title}</h3>
                    <p className="mt-1 text-sm text-muted-foreground">{p.text}</p>
                  </div>
                </div>
              ))}
            </div>
            <div className="mt-12 flex flex-wrap items-center gap-4">
              <Button asChild size="lg"><Link href="/sign-up">Protect your first upstream <ArrowRight /></Link></Button>
              <span className="text-sm text-muted-foreground">Your first API key is ready as soon as you sign up.</span>
            </div>
          </div>
        </section>
      </main>

      <footer className="mx-auto flex max-w-6xl items-center justify-between px-6 py-8 text-sm text-muted-foreground">
        <span>Aegis</span>
        <Link href="/sign-in" className="hover:text-foreground">Sign in</Link>
      </footer>
    </div>
  );
}
