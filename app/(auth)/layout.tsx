import { Logo } from "@/app/_components/logo";
import { TRPCReactProvider } from "@/app/_lib/trpc";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <div className="flex min-h-screen flex-col bg-muted/40">
        <header className="px-6 py-5">
          <Logo />
        </header>
        <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:pt-12">{children}</main>
      </div>
    </TRPCReactProvider>
  );
}
