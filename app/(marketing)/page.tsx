export default function LandingPage() {
  return <main className="p-10"><h1 className="text-3xl font-semibold">Aegis</h1></main>;
}
