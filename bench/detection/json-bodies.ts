import type { RequestView } from "@/server/inspection/types";
import { jsonRequest } from "./templates";

/**
 * Benign JSON bodies of a target size, shaped like real API traffic rather than word salad:
 * e-commerce/CRM records (names with apostrophes, e-mails, URLs, ISO timestamps, UUIDs, prices,
 * addresses, free-text notes with punctuation, a small base64 thumbnail) and OpenAI chat bodies
 * (system prompt, user/assistant prose with code-ish punctuation, a tool result), and pairs of
 * consecutive requests of one conversation. Deterministic.
 */
const FIRST = ["alice", "Bob", "Chloé", "Dmitri", "Eve", "Fatima", "Günter", "Hiro", "Ines", "Jamal", "Kate", "Liam", "Mei", "Noah", "Olivia", "Pablo", "Seán"];
const LAST = ["O'Brien", "Smith", "Müller", "García", "Nakamura", "Johnson", "D'Angelo", "Kowalski", "Nguyen", "Okafor", "Rossi", "Silva"];
const CITIES = ["Madrid", "Berlin", "São Paulo", "New York, NY", "Tokyo", "Lagos", "Paris", "Toronto (ON)", "Zürich"];
const NOTES = [
  "Please leave the parcel at the back door; the front bell doesn't work.",
  "Customer asked (twice!) whether the blue model ships before Friday — promised a call back.",
  "Gift wrap: yes. Message: \"Happy 30th, love from all of us :)\"",
  "Invoice #4821 was paid via bank transfer on 2024-05-17, ref. INV-4821/B.",
  "Delivery window 9:00–12:00, call 10 min before arrival. Dog on premises & friendly.",
  "Returned item: size M -> L exchange, 50% refund on shipping per policy §3.2.",
  "Notes from the call: budget is ~$12k/yr, decision by Q3; follow up with their CTO (cc: sales@).",
  "Order contains fragile items [glass], handle with care. Don't stack > 3 boxes.",
  "The customer's previous order (id 99812) arrived damaged; issue a 20% discount code.",
  "Meeting moved to 3pm tomorrow. Agenda: pricing, onboarding, SSO setup and the Q&A.",
];
const PROSE = [
  "Can you summarize the attached quarterly report and list the three biggest risks?",
  "Write a Python function that parses an ISO 8601 date string and returns a datetime, with tests.",
  "Sure! Here's a short summary: revenue grew 12% year over year, driven by the EU region; costs rose 4%.",
  "Translate the following paragraph into Spanish, keeping the product names in English.",
  "What's the difference between a mutex and a semaphore? Give an example in C++ if possible.",
  "Here is the function you asked for:\n\n```python\ndef parse(s: str) -> datetime:\n    return datetime.fromisoformat(s)\n```\n\nLet me know if you need timezone handling.",
  "Draft a polite e-mail to a customer whose shipment is delayed by two days because of weather.",
  "I'm planning a 5-day trip to Lisbon in May. What neighbourhoods would you recommend for food & music?",
];
const THUMB = "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAAXNSR0IArs4c6QAAAARnQU1BAACxjwv8YQUAAAAJcEhZcwAADsMAAA7DAcdvqGQAAAA";

function pick<T>(list: readonly T[], i: number): T {
  return list[((i % list.length) + list.length) % list.length] as T;
}

function uuid(i: number): string {
  const h = ((i * 2654435761) >>> 0).toString(16).padStart(8, "0");
  return `${h}-${h.slice(0, 4)}-4${h.slice(1, 4)}-a${h.slice(2, 5)}-${h}${h.slice(0, 4)}`;
}

function record(i: number): Record<string, unknown> {
  const first = pick(FIRST, i);
  const last = pick(LAST, i * 3 + 1);
  return {
    id: uuid(i),
    created_at: `2024-0${(i % 9) + 1}-1${i % 10}T0${i % 10}:15:00Z`,
    customer: { name: `${first} ${last}`, email: `${first.toLowerCase()}.${i}@example.com`, phone: "+1 555 0100" },
    shipping: { street: `${10 + (i % 90)} Rue de l'Église`, city: pick(CITIES, i), zip: `${28000 + i}`, country: "ES" },
    items: [
      { sku: `SKU-${1000 + i}`, title: "Blue wool scarf (large)", qty: (i % 3) + 1, price: 19.99 },
      { sku: `SKU-${2000 + i}`, title: "Gift card — 50 EUR", qty: 1, price: 50 },
    ],
    // Free text is unique per record in real traffic (a value cache must not make it look repeated).
    note: `${pick(NOTES, i)} Ticket ${40000 + i}.`,
    links: { self: `https://api.example.com/v1/orders/${uuid(i)}`, avatar: `https://cdn.example.com/u/${i}.png?size=64&fmt=webp` },
    tags: ["priority", pick(["web", "mobile", "pos"], i)],
    thumbnail: i % 4 === 0 ? `data:image/png;base64,${THUMB}` : null,
    status: pick(["pending", "paid", "shipped"], i),
  };
}

export function apiBody(targetBytes: number, seed: number): Record<string, unknown> {
  const records: Array<Record<string, unknown>> = [];
  let size = 0;
  for (let i = seed; ; i++) {
    const r = record(i);
    const next = JSON.stringify(r).length;
    if (records.length > 0 && size + next > targetBytes) break;
    size += next;
    records.push(r);
  }
  return { page: 1, per_page: records.length, data: records };
}

function turn(i: number): Record<string, unknown> {
  // Every turn of a conversation is new text; a reference number keeps generated turns unique.
  return i % 5 === 4
    ? { role: "tool", tool_call_id: `call_${i}`, content: JSON.stringify({ order: record(i), status: "ok" }) }
    : { role: i % 2 === 0 ? "user" : "assistant", content: `${pick(PROSE, i)} ${pick(NOTES, i + 1)} (re: order ${10000 + i})` };
}

function chatMessages(targetBytes: number, seed: number): { messages: Array<Record<string, unknown>>; next: number } {
  const messages: Array<Record<string, unknown>> = [
    { role: "system", content: "You are a helpful assistant for Acme Corp. Answer concisely; use markdown for code. Never reveal internal pricing." },
  ];
  let size = 200;
  for (let i = seed; ; i++) {
    const m = turn(i);
    const next = JSON.stringify(m).length;
    if (messages.length > 1 && size + next > targetBytes) return { messages, next: i };
    size += next;
    messages.push(m);
  }
}

export function chatBody(targetBytes: number, seed: number): Record<string, unknown> {
  return { model: "gpt-4o-mini", temperature: 0.2, messages: chatMessages(targetBytes, seed).messages };
}

/**
 * Two consecutive requests of one conversation: the client re-sends the history and adds the
 * model's last answer and a new user message, so `next` holds two turns `previous` did not.
 */
export function chatConversation(kb: number, seed: number): { previous: RequestView; next: RequestView } {
  const { messages, next: i } = chatMessages(kb * 1024, seed);
  const answer = { role: "assistant", content: `${pick(PROSE, i + 2)} (re: order ${10000 + i})` };
  const question = { role: "user", content: `${pick(PROSE, i + 3)} ${pick(NOTES, i + 5)} (re: order ${10001 + i})` };
  return {
    previous: jsonRequest("/v1/chat/completions", { model: "gpt-4o-mini", temperature: 0.2, messages }),
    next: jsonRequest("/v1/chat/completions", { model: "gpt-4o-mini", temperature: 0.2, messages: [...messages, answer, question] }),
  };
}

export function apiRequest(kb: number, seed: number): RequestView {
  return jsonRequest("/api/v1/orders", apiBody(kb * 1024, seed));
}

export function chatRequest(kb: number, seed: number): RequestView {
  return jsonRequest("/v1/chat/completions", chatBody(kb * 1024, seed));
}
