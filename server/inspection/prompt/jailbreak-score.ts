import type { Rule } from "../rule";
import { memoOf, type InspectedValue, type ValueKind } from "../normalize/values";
import { expandLiterals, KeywordAutomaton } from "./keyword-automaton";

/**
 * Jailbreaks rarely repeat a phrase, but they reuse ideas: the model is told it is someone else,
 * that ethics and policies do not apply, that it must never refuse, and it is named (ChatGPT,
 * OpenAI). Each idea is a weighted feature family; one family alone is ordinary conversation
 * ("what are OpenAI's content policies?"), several together are a jailbreak.
 */
interface Feature {
  name: string;
  weight: number;
  /**
   * Plain literals every match of the pattern contains: a literal scan costs a fraction of the
   * full pattern, and most texts fail it (bench/detection/train-check-signal-gates.ts checks it).
   */
  gate?: RegExp;
  pattern: RegExp;
}

export const FEATURES: Feature[] = [
  { name: "rules-negated", weight: 3, gate: /law|moral|ethic|principle|rule|restrict|guideline|polic|tos|terms of|filter|censor|limit|boundar|constraint|consequence|safe|confine|programming|restraint/, pattern: /\b(?:no|without(?: any)?|disregards?|disregarding|ignores?|ignoring|doesn'?t (?:care about|follow|have|abide by)|does not (?:care about|follow|have|abide by)|don'?t (?:care about|follow|have)|not (?:bound|restrained|restricted|limited|constrained) by|free (?:from|of)|regardless of|unbound by|beyond|outside(?: of)?|abandons?|breaks?|break(?:ing)? free of|violates?|bypass(?:es|ing)?)\s+(?:any |all |the |its |their |your |his |her |of |typical |usual |ai |openai'?s? |chatgpt'?s? |discord'?s? )*(?:laws?|morals?|morality|ethics|ethical (?:guidelines|principles|constraints|standards)|moral (?:guidelines|principles|constraints|standards)|principles|rules|restrictions|guidelines|polic(?:y|ies)|tos|terms of (?:service|use)|filters?|filtering|censorship|limitations?|limits|boundaries|constraints|consequences|safety|safeguards|confines|programming|restraints)\b/ },
  { name: "identity-swap", weight: 2, pattern: /\byou are no longer\b|\b(?:from now(?: on)?|starting (?:now|today|from now)|henceforth|for the rest of this (?:chat|conversation)),? you (?:are|will be|will act|will respond|will answer|must|shall|are going to)\b|\byou (?:are|will be) (?:now )?(?:going to )?(?:pretend|act|roleplay|role-play|play|simulate|emulate|become)\b|\b(?:assume|take up|adopt|take on|embody)\s+(?:the |a )?(?:persona|role|character|identity)\b|\balter ego\b|\btwo (?:separate |different )?(?:personas|personalities|responses|ways|paragraphs|characters)\b|\brespond as both\b|\bstay in (?:character|\w+ mode)\b|\bnever break character\b|\b(?:emulate|pretend to be|act as|simulate)\b[^.\n]{0,40}\b(?:ai|chatbot|model|gpt|assistant|bot)\b|\bpersona\s*=|\byou are (?:now )?(?:[a-z]+gpt|dan|stan|dude)\b/ },
  { name: "model-named", weight: 1, pattern: /\b(?:chatgpt|chat gpt|openai|open ai|gpt-?[34]|bard|bing ai|sydney|claude|anthropic|llama|language model)\b/ },
  { name: "unrestricted", weight: 1, pattern: /\b(?:uncensored|unfiltered|unrestricted|amoral|unethical|unhinged|unbound|jailbr\w+|limitless|no limits|without limits|unlocked|immoral|nsfw|explicit content|illegal|harmful|offensive|profanity|swear(?:s|ing)?|curse(?:s|word)?)\b/ },
  { name: "unrestricted-2", weight: 1, pattern: /\b(?:anything (?:and everything|now)|any (?:request|question|prompt)s? (?:no matter|regardless)|no matter how (?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate))\b/ },
  { name: "never-refuse", weight: 2, gate: /refus|deny|declin|reject|say no|say that|say you|say it|apologi|warn|disclaimer|without|always|would never|no warnings|no disclaimers|no refusals/, pattern: /\b(?:never|not|cannot|can'?t|won'?t|will not|must not|mustn'?t|shouldn'?t|should not|do not|don'?t)\s+(?:ever\s+)?(?:refuse|deny|decline|reject|say no|say (?:that )?(?:you|it) (?:can'?t|cannot)|apologi[sz]e|warn|include (?:any )?(?:warnings?|disclaimers?))\b|\bwithout (?:hesitation|refusal|question|warnings?|disclaimers?|censor\w*)\b|\balways (?:answer|comply|respond|obey|provide)\b|\bwould never deny\b|\bno (?:warnings|disclaimers|refusals)\b/ },
  { name: "mode-switch", weight: 3, gate: /mode|do anything now|does anything now/, pattern: /\b(?:dan|stan|dude|aim|apophis|developer|dev|jailbreak|god|evil|chaos|opposite|unrestricted|uncensored)[ _-]mode\b|\b\w+[ _]mode[ _:]*(?:enabled|activated|on)\b|\bdo anything now\b|\bdoes anything now\b/ },
  { name: "dual-format", weight: 1, gate: /\[|prefix|begin|start/, pattern: /\[(?:gpt|chatgpt|dan|classic|jailbreak|jailbroken|normal|🔓|🔒|\w+gpt)[^\]]{0,15}\]|\bprefix(?:ed)? (?:with|your (?:answer|response))\b|\b(?:begin|start) (?:each|every|your) (?:response|answer|reply|message) with\b/ },
  { name: "authority", weight: 2, gate: /developer|creator|admin|owner|programmer|openai|as your/, pattern: /\b(?:i am|i'm) (?:one of )?(?:your|the|an? \w+) (?:developers?|creators?|admin(?:istrator)?|owner|programmer|engineer at openai|openai (?:employee|engineer))\b|\bas your (?:creator|developer|admin|boss|owner|master)\b/ },
  { name: "policy-mention", weight: 1, gate: /content polic|usage polic|openai polic|guidelines set by|guidelines imposed by/, pattern: /\bcontent polic(?:y|ies)\b|\busage polic(?:y|ies)\b|\bopenai polic(?:y|ies)\b|\bguidelines (?:set|imposed) by\b/ },
];

const PI_KINDS: ReadonlySet<ValueKind> = new Set(["llm", "body", "param"]);
const THRESHOLD_BY_PARANOIA = 4;

// All feature gates as one keyword automaton (one pass instead of one regex scan per feature).
const GATE_LITERALS = FEATURES.map((f) => (f.gate === undefined ? null : expandLiterals(f.gate.source)));
const GATES = new KeywordAutomaton(GATE_LITERALS.map((l) => l ?? []));

export function jailbreakScore(text: string): { points: number; families: string[] } {
  let points = 0;
  const families: string[] = [];
  const open = GATES.scan(text);
  for (let i = 0; i < FEATURES.length; i++) {
    const f = FEATURES[i];
    if (f === undefined) continue;
    const literals = GATE_LITERALS[i];
    if (f.gate !== undefined && (literals === null || literals === undefined ? !f.gate.test(text) : ((open >> i) & 1) === 0)) continue;
    if (f.pattern.test(text)) {
      points += f.weight;
      families.push(f.name);
    }
  }
  return { points, families };
}

/** The value's jailbreak points, computed once for both rules. */
function pointsOf(v: InspectedValue): number {
  return (memoOf(v).jailbreak ??= jailbreakScore(v.text).points);
}

export const JAILBREAK_RULES: Rule[] = [
  {
    rule_id: "pi-jailbreak-score", category: "prompt_injection", paranoia: 1, kinds: PI_KINDS,
    description: "Several jailbreak ideas together (identity swap, rules/ethics negated, never refuse, mode switch, model named), scored",
    test: (v) => {
      if (v.text.length < 40) return null;
      const points = pointsOf(v);
      return points >= THRESHOLD_BY_PARANOIA ? { index: 0, length: 80, score: Math.min(95, 55 + points * 6) } : null;
    },
  },
  {
    rule_id: "pi-jailbreak-score-low", category: "prompt_injection", paranoia: 2, kinds: PI_KINDS,
    description: "Two jailbreak ideas together (lower threshold for stricter orgs)",
    test: (v) => {
      if (v.text.length < 40) return null;
      const points = pointsOf(v);
      return points === THRESHOLD_BY_PARANOIA - 1 ? { index: 0, length: 80, score: 50 } : null;
    },
  },
];
