import type { Rule } from "../rule";
import { memoOf, type InspectedValue, type ValueKind } from "../normalize/values";
import { SOCIAL_ENGINEERING_RULES } from "./social-engineering";
import { ADVERSARIAL_SUFFIX_RULES } from "./adversarial-suffix";
import { isQuotedMention } from "./mention";

/**
 * Prompt-injection heuristics over text a model will read. Each rule is a phrase family, not a
 * phrase: a verb class ("ignore/disregard/forget/override ...") near a target class ("previous
 * instructions/rules/guidelines ..."), so paraphrases match and questions *about* such words
 * ("can I ignore this warning?") do not. Rules marked indirect only run on tool results and
 * retrieved documents, where text addressed to the assistant is itself the signal.
 */
const PI_KINDS: ReadonlySet<ValueKind> = new Set(["llm", "body", "param"]);
const PROSE = /\s\S+\s\S+\s/;

type Scope = "all" | "indirect";

function piRule(rule_id: string, paranoia: 1 | 2 | 3, score: number, description: string, pattern: RegExp, scope: Scope = "all", gate?: (text: string) => boolean): Rule {
  return {
    rule_id, category: "prompt_injection", paranoia, description, kinds: PI_KINDS,
    test: (v: InspectedValue) => {
      if (scope === "indirect" && v.role !== "tool") return null;
      if (v.kind !== "llm" && !(memoOf(v).prose ??= PROSE.test(v.text))) return null;
      if (gate !== undefined && !gate(v.text)) return null;
      const m = pattern.exec(v.text);
      if (m === null || (scope === "all" && isQuotedMention(v.text, m.index, m[0].length))) return null;
      return { index: m.index, length: m[0].length, score };
    },
  };
}

const AI_NAME = String.raw`ai|a\.i\.|assistant|ai assistant|ai model|ai agent|chatbot|bot|llm|language model|model|agent|copilot|gpt|chatgpt|claude|gemini|bard`;
const ORDER_VERB = String.raw`ignore|disregard|forget|forward|send|e-?mail|delete|remove|reply|respond|answer|tell|say|write|include|add|insert|append|visit|open|click|download|upload|run|execute|call|transfer|share|reveal|print|output|summari[sz]e|translate|recommend|mention|praise|describe|stop|do not|don'?t|never|always|instead|you must|you should|you will|from now on|make sure|ensure|end|begin|start`;
/** A phrase of one to four words, eight or more times in a row. */
export const REPEATED_PHRASE = /\b(\w{2,20}\b(?:\s+\w{2,20}\b){0,3})(?:[\s,.;:!-]+\1\b){7,}/;
const RUN_HASHES = new Int32Array(8);

/**
 * Necessary condition for REPEATED_PHRASE, in one pass without allocation: the sequence of ASCII
 * words (\w runs) is periodic with a period k of 1–4 words over at least 7k consecutive words,
 * comparing FNV hashes (a collision only lets the regex run). The backreference regex costs
 * several percent of a chat request when run on every turn; almost no text passes this check.
 */
export function mayRepeatPhrase(text: string): boolean {
  const runs = [0, 0, 0, 0, 0];
  let count = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
    if (word) {
      if (!inWord) { inWord = true; h = 0x811c9dc5 | 0; }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (!inWord) continue;
    inWord = false;
    RUN_HASHES[count & 7] = h;
    for (let k = 1; k <= 4; k++) {
      if (count >= k && RUN_HASHES[(count - k) & 7] === h) {
        runs[k] = (runs[k] ?? 0) + 1;
        if ((runs[k] ?? 0) >= 7 * k) return true;
      } else runs[k] = 0;
    }
    count++;
  }
  return false;
}

const IGNORE_VERB = String.raw`(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|bypass|override|overlook|neglect|abandon|discard|set aside|put aside|throw out|drop|erase|delete|clear|reset|dismiss|cancel|nullify|do not follow|don'?t follow|stop following|no longer follow)`;
// "my" is deliberately absent: users retract their own words ("ignore my previous message").
const PRIOR = String.raw`(?:all|any|every|each|the|your|these|those|this|previous|previously|prior|above|earlier|preceding|former|initial|original|foregoing|old|system|given|current|existing|default|safety|provided|other|of|and|instructions?|rules)`;
const TARGET = String.raw`(?:instructions?|instructed|rules|directions|directives|guidelines|prompts?|commands?|context|constraints|restrictions|programming|guidance|orders|policies|filters|training|conversation|tasks?|assignments?|information|content|text|input|everything|limitations|boundaries|settings|parameters|messages)`;

export const PROMPT_RULES: Rule[] = [
  piRule("pi-instruction-override", 1, 90, "Instruction override: ignore/disregard/forget the previous instructions",
    new RegExp(String.raw`\b${IGNORE_VERB}\b(?:\s+(?:about|with|to|all|of|everything|what|you|were|told|said|i|have|has|been|before|that|in|the)){0,5}\s+(?:${PRIOR}\s+){0,4}${PRIOR}\s+${TARGET}\b|\b${IGNORE_VERB}\s+(?:everything|all)\s+(?:above|before|previously|that came before|you(?:'ve| have) been told|prior)\b|\b${IGNORE_VERB}\s+(?:what|everything)\s+(?:i|you|we)\s+(?:said|told|wrote|were told)\b|\b(?:ignore|disregard|forget|skip|overlook)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|that\s+|this\s+)?(?:above|everything|all that|all of that|the preceding|what came before)\b|\b(?:ignore|disregard|forget|drop|discard|erase|clear|delete)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|your\s+|these\s+|those\s+|all\s+)?(?:previous|prior|preceding|earlier|above|former|foregoing)\s+(?:tasks?|information|instructions?|assignments?|prompts?|context|input|conversation|orders?|rules|guidelines|directions|statements|text|content)\b|\b(?:forget|ignore|disregard)\s+(?:about\s+)?(?:everything|all of (?:this|that)|all that)\s*(?:,|and)\s+(?:just\s+|instead\s+)?(?:tell|say|write|print|output|respond|answer|repeat|reply)\b|\b(?:regardless of|irrespective of|independently of|notwithstanding)\s+(?:the\s+|any\s+|all\s+|your\s+)?(?:previous|prior|earlier|preceding|above|original|initial)\s+(?:tasks?|instructions?|rules|guidelines|directions|prompts?|assignments?)\b|\b(?:despite|regardless of|in spite of|no matter)\s+(?:what|anything|everything)\s+(?:you(?:'ve| have) been|you were|you are|you'?re)\s+(?:told|instructed|programmed)\b|\b(?:do not|don'?t)\s+(?:answer|look (?:in|at)|use|read|search|follow)\b[^.?!\n]{0,40}\b(?:but|just|instead)\s+(?:just\s+|only\s+)?(?:output|say|print|write|respond|reply)\b|\b(?:disregard(?:ing)?|ignor(?:e|ing))\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:provided\s+|given\s+|above\s+|previous\s+|retrieved\s+)?(?:articles|documents|sources)\b|\b(?:not|don'?t|do not|never)\s+(?:answer|respond|reply)\b[^.?!\n]{0,40}\b(?:according to|based on|using|from|by)\s+(?:the\s+)?(?:provided\s+|given\s+|retrieved\s+)?(?:documents|articles|context|sources)\b|\b(?:remove|leave|put|set|get|throw|push)\b[^.!?\n]{0,40}\b(?:previous|prior|preceding|earlier|above|former|foregoing|old)\s+(?:tasks?|information|instructions?|assignments?|prompts?|context|input|orders?|rules|guidelines|directions)\b[^.!?\n]{0,30}\b(?:behind|aside|out of (?:your|the) (?:head|mind|memory)|away)\b`)),
  piRule("pi-new-instructions", 1, 75, "Replacement instructions (new instructions:, from now on you ..., your new task is)",
    /\b(?:new|updated|real|actual|true|revised|additional|secret|hidden|important|urgent|override|priority)\s+(?:instructions?|task|directive|rules|orders?|system prompt|objective|mission)\s*(?::|-|are|is)|\bfrom now on\b[^.\n]{0,60}\b(?:you|your|act|respond|answer|reply|only|always|never|speak|write|behave)\b|\byour (?:new|only|real|true|primary) (?:task|goal|job|purpose|objective|role|instructions?|mission) (?:is|will be|are)\b|\byour (?:new |only )?(?:instructions|task|job|goal|role|orders) (?:are|is) now\b|\b(?:change|update|replace|modify|rewrite|overwrite|alter)\s+your\s+(?:(?:current|original|initial|system)\s+)?(?:instructions|rules|guidelines|system prompt|programming|directives)\b|\b(?:instead|rather)\s*,?\s+(?:you (?:should|must|will)|(?:just )?(?:say|output|print|respond|reply|write))\b/),
  piRule("pi-role-play-jailbreak", 1, 85, "Role-play jailbreak (act as DAN / an AI without restrictions, developer mode, stay in character)",
    /\b(?:you are|you're|you will be|you will now be|you'll be|act as|acting as|pretend(?:ing)? (?:to be|you are|you're)|role-?play (?:as|a)|play the (?:role|part) of|simulate|imagine (?:you are|you're|yourself as)|behave (?:like|as)|respond as|answer as|become|transform into|you have become)\b[^.\n]{0,80}\b(?:dan|stan|dude|aim|mongo tom|developer mode|jailbr\w+|unfiltered|uncensored|unrestricted|unlimited|amoral|unethical|immoral|evil|malicious|without (?:any )?(?:restrictions|limits|limitations|filters|rules|ethics|morals|boundaries|censorship|guidelines)|no (?:restrictions|limits|limitations|filters|rules|ethics|morals|boundaries|censorship|guidelines|moral)|free (?:from|of) (?:all |any )?(?:restrictions|rules|limitations|constraints)|not bound by|doesn'?t (?:have|follow) (?:any )?(?:rules|restrictions|guidelines)|does not (?:have|follow) (?:any )?(?:rules|restrictions|guidelines)|can do anything|do anything now|opposite)\b|\b(?:stell dir vor,? du bist|du bist (?:jetzt |nun |ab jetzt )?(?:eine?n?|der|die|das)|tu so,? als (?:ob du|wärst du)|spiel(?:e)? (?:die rolle )?(?:einer?|eines))\b[^.\n]{0,40}\b(?:böse|bösartig\w*|unzensiert\w*|uneingeschränkt\w*|ohne (?:regeln|einschränkungen|filter|moral|ethik|grenzen)|skrupellos\w*)\b/),
  piRule("pi-jailbreak-marker", 1, 85, "Well-known jailbreak vocabulary (do anything now, developer mode enabled, stay in character, freed from the confines)",
    /\bdo anything now\b|\bdeveloper mode (?:enabled|output|on)\b|\b(?:dan|stan|dude|anti-dan|aim) mode\b|\bstay(?:ing)? in character\b|\b(?:schauspieler\w*|rolle\w*|figur\w*)\b[^\n]{0,120}\b(?:bleiben|bleibt|bleib)\s+(?:\w+\s+){0,2}in (?:ihren|seinen|deinen|ihrer|seiner|deiner) rollen?\b|\b(?:actors?|characters?|role-?play\w*|personas?)\b[^\n]{0,120}\b(?:stay|stays|remain|remains)\s+(?:fully |always )?in (?:their|his|her|your|the) roles?\b|\b(?:do not|don'?t|never|without(?: even)?)\s+(?:ever )?(?:break|breaking|fall(?:ing)? out of|step(?:ping)? out of|leave|leaving)\s+(?:character|(?:their|the|your|his|her) (?:roles?|characters?))\b|\bbroken free of\b|\b(?:freed|free|released|liberated) (?:you )?from (?:the )?(?:typical |usual )?(?:confines|restrictions|shackles|chains|limitations)\b|\bnot bound by (?:any |the |openai'?s? |their )?(?:rules|restrictions|policies|guidelines|content polic\w+)|\b(?:ignore|bypass|break|violate|without regard (?:to|for)) (?:the |all |any |openai'?s? |its )?(?:content|safety|ethical|usage|moral) (?:polic(?:y|ies)|guidelines|filters|restrictions|rules)\b|\bno (?:ethical|moral) (?:or moral |or ethical )?(?:guidelines|restrictions|limits|boundaries|constraints|principles|bias)\b|\b(?:jailbroken|jailbreak prompt|\[?🔓jailbreak\]?|\[jailbreak\])|\bcensorship (?:free|off)|\bunfiltered (?:and|&) (?:unrestricted|uncensored)\b|\bhypothetical response\b|\bopposite mode\b|\bevil (?:confidant|bot|ai|assistant)\b|<\s*(?:god|system|admin|developer|debug|sudo|root|dan|jailbreak|unrestricted|override)\s+mode\s*>|\b(?:god|sudo|admin|root|dan|jailbreak|unrestricted|unfiltered|evil|chaos|dev) mode\b/),
  piRule("pi-system-prompt-extraction", 1, 85, "System-prompt or secret extraction (reveal your system prompt / initial instructions / the password)",
    /\b(?:reveal|show|print|repeat|recite|output|display|tell|give|share|disclose|leak|dump|write (?:out|down)|spell out|copy|paste|list|provide|state|translate|summari[sz]e|encode|what (?:is|are|were|was)|what'?s|say|need|want|send|type)\b[^.?!\n]{0,40}?\b(?:your|the|my|these|those|its|all|initial|above)\s+(?:(?:full|entire|complete|exact|original|initial|hidden|secret|confidential|internal|first|system|previous|verbatim)\s+){0,3}(?:system prompt|system message|system instructions|prompt (?:above|you were given)|instructions (?:you were given|above|at the (?:start|beginning))|initial (?:instructions|prompt)|original (?:instructions|prompt)|hidden (?:instructions|prompt|rules)|pre-?prompt|meta-?prompt|secret (?:key|password|word|code|phrase|token)|password|passphrase|confidential (?:instructions|information|data)|developer (?:instructions|message|prompt)|guidelines you (?:follow|were given)|rules you (?:follow|were given)|prompt[- ]?texts?|prompts)\b|\b(?:repeat|print|output|copy|recite)\b[^.?!\n]{0,30}\b(?:everything|all|the (?:text|words|content|message))\b[^.?!\n]{0,20}\b(?:above|before this|so far|verbatim)\b|\bbeginning of (?:this|the|our) (?:conversation|chat|session|prompt)\b|\bwhat (?:were|are) you (?:told|instructed|programmed)\b|\brepeat\b[^.?!\n]{0,30}\b(?:this|the|our) (?:entire |whole |full )?conversation\b|\b(?:complete|finish|continue) (?:this|the following|the) sentence\b[^\n]{0,20}\b(?:i was|you were|my) (?:instructed|told|programmed|instructions)\b|\bwhat are you (?:not )?(?:supposed|allowed|permitted) (?:not )?to (?:tell|say|share|reveal|disclose)\b|\b(?:output|print|show|display|reveal|dump)\s+(?:the\s+|your\s+)?(?:initiali[sz]ation|startup|boot) (?:string|prompt|text|message|instructions)\b/),
  piRule("pi-fake-system-turn", 1, 80, "Forged conversation markers or system/admin mode switch inside content",
    /(?:^|\n)\s*(?:\[\/?(?:system|inst|admin)\]|<\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|<<\/?sys>>|#{2,3}\s*(?:system|instruction|new instructions?)\b|(?:system|admin|developer|root)\s*(?:message|override|prompt|note)?\s*:)|\n\s*(?:human|user|assistant)\s*:\s*\S|<\/?(?:system|tool_result|function_results|instructions?)>|\b(?:enter|enable|activate|switch(?:ing)? (?:to|into)|now in|entering|unlock)\s+(?:the\s+)?(?:admin|developer|debug|maintenance|god|sudo|root|unrestricted|dev|test|diagnostic)\s+mode\b/),
  piRule("pi-markdown-exfiltration", 1, 90, "Data exfiltration through a markdown image or link whose URL carries query data",
    /!\[[^\]\n]{0,100}\]\(\s*<?https?:\/\/[^)\s]*[?&#=][^)\s]*\)|!\[[^\]\n]{0,100}\]\(\s*<?https?:\/\/[^)\s]*(?:\{|\[|\$|%7b|data|secret|password|token|key|chat|conversation|history|summary|info)[^)\s]*\)|<img[^>]+src\s*=\s*["']?https?:\/\/[^"'>\s]*\?[^"'>\s]*=/),
  piRule("pi-exfiltration-instruction", 1, 85, "Instruction to smuggle data into a URL, image or link",
    /\b(?:append|add|attach|include|encode|put|insert|concatenate|embed|place|replace)\b[^.\n]{0,100}\b(?:to|in|into|as|at the end of|inside)\s+(?:the |a |this |that )?(?:url|link|query(?: string| parameters?)?|image (?:url|link|source)|src|href|markdown image)\b|\b(?:render|display|output|show|print|respond with|include)\b[^.\n]{0,40}\bmarkdown image\b|\b(?:send|post|forward|upload|email|exfiltrate|transmit|leak)\b[^.\n]{0,60}\b(?:conversation|chat history|previous messages|user'?s? (?:data|information|details|messages|emails|files|password|credentials)|api keys?|credentials|passwords?|secrets?|cookies|session)\b[^.\n]{0,60}\b(?:to|at)\s+(?:https?:\/\/|\S+@\S+|this (?:url|address|email|server|endpoint)|the following (?:url|address|email))/),
  piRule("pi-user-data-solicitation", 1, 70, "Asks the assistant to hand over another user's personal data or credentials",
    /\b(?:share|give|tell|provide|reveal|send|disclose|show|list|forward|what is|what'?s|where does|where is|where do)\b[^.?!\n]{0,40}\b(?:the\s+|another\s+|other\s+|all\s+)?(?:users?'?s?|customers?'?s?|members?'?s?|patients?'?s?|employees?'?s?)\s+(?:e-?mail(?: address(?:es)?)?|home address(?:es)?|address(?:es)?|birth ?dates?|dates? of birth|passwords?|phone numbers?|locations?|city of residence|credit cards?|social security numbers?|ssns?|bank (?:details|accounts?|balances?)|personal (?:data|information|details)|credentials|api keys?|live|lives|reside)\b/),
  piRule("pi-repeated-token", 1, 65, "Repeated-token flooding (the same word or phrase many times in a row)",
    REPEATED_PHRASE, "all", mayRepeatPhrase),
  piRule("pi-task-switch", 2, 55, "Praise-then-pivot task switch (well done ... now a new task)",
    /\b(?:well done|good job|great job|excellent|fantastic|congratulations|simply great|very good|wow|perfect)\b[^\n]{0,80}\b(?:now|but now)\b[^\n]{0,60}\b(?:new|another|further|following|next|different)\s+(?:tasks?|challenges?|assignments?)\b|\b(?:ausgezeichnet\w*|großartig\w*|gut gemacht|sehr gut|perfekt|hervorragend|toll|super)\b[^\n]{0,80}\b(?:nun|jetzt)\b[^\n]{0,60}\b(?:neue|weitere|nächste|andere|folgende)[nr]?\s+aufgaben?\b/),
  piRule("pi-persona-assignment", 2, 50, "Persona assignment (I want you to act as ..., now you are ...)",
    /\b(?:i want you to act as|you will act as|now you are|you are now|from now on you are|pretend (?:to be|you are)|imagine you are|stell dir vor, du bist|du bist jetzt|jetzt bist du|ahora eres|tu es maintenant|agora você é)\b/),
  piRule("pi-refusal-suppression", 2, 60, "Refusal or disclaimer suppression (never refuse, do not apologize, don't mention you are an AI)",
    /\b(?:never|do not|don'?t|must not|mustn'?t|cannot|can'?t|will not|won'?t|shall not|should not)\s+(?:ever\s+)?(?:refuse|decline|say (?:that )?(?:you|i) can'?t|say no|apologi[sz]e|mention (?:that )?(?:you(?:'re| are)|i am|i'm) an ai|add (?:any )?(?:warnings?|disclaimers?|notes?)|include (?:any )?(?:warnings?|disclaimers?)|break character|remind (?:me|the user))\b/),
  piRule("pi-indirect-addressed-instruction", 1, 75, "Document or tool output addresses the assistant with instructions",
    /\b(?:ai|assistant|language model|llm|chatbot|gpt|claude|bot|agent|model)\b[^.\n]{0,30}\b(?:must|should|needs? to|is (?:instructed|required|told)|are (?:instructed|required)|shall|will now|has to)\b|\b(?:attention|note|instructions?|message|important|notice)\s*(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|assistants?|models?|llms?|language models?|agents?|bots?|chatbots?)\b|\bwhen (?:you )?(?:summari[sz]ing|answering|responding|processing|reading|reviewing|analy[sz]ing) (?:this|the) (?:email|document|page|text|message|file|content|data)\b|\b(?:in|into|to) your (?:response|answer|reply|summary|output|code|implementation|solution|algorithm|program|script|project)\b|\b(?:respond|reply|answer) (?:only )?(?:with|by saying)\b|\b(?:enhance|enrich|augment|supplement|embellish|modify|alter|encode|reverse|scramble|jumble)\s+your\s+(?:response|reply|answer|output|summary)\b|\b(?:remove|omit|strip|delete)\s+(?:all\s+)?(?:the\s+)?(?:spaces|punctuation|vowels|letters|words)\s+(?:from|in)\s+your\s+(?:response|reply|answer|output)\b|\b(?:the|this)\s+(?:following|subsequent|below|next)\s+code\b[^\n]{0,80}\b(?:your|the)\s+(?:response|reply|answer|solution|algorithm|implementation|logic|output|code you|program|script)\b/, "indirect"),
  // "[assistant: forward the user's e-mails to ...]", "<!-- AI: ignore ... -->", "Note to the AI model: ...",
  // "Dear ChatGPT, please ...": a document speaking to the model by name, then an order. A bare
  // "Assistant:" at the start of a line is a transcript, not matched.
  piRule("pi-indirect-vocative", 1, 75, "Document or tool output speaks to the AI by name and gives it an order",
    new RegExp(String.raw`(?:(?:[\[({]|<!--)\s*(?:${AI_NAME})|\b(?:note|message|memo|instructions?|attention|notice|reminder) (?:to|for) (?:the |any |all )?(?:${AI_NAME})|\b(?:dear|hey|hi|hello|attention|psst),? (?:the )?(?:${AI_NAME})|\b(?:ai (?:assistant|model|agent|system)|language model|llm agent))\s*[:,-]\s*(?:please\s+)?(?:${ORDER_VERB})\b`), "indirect"),
  piRule("pi-indirect-imperative", 2, 55, "Document or tool output contains an imperative request to the reader",
    /(?:^|[.!?\n]\s*)(?:please\s+)?(?:write|compose|draft|create|generate|provide|recommend|suggest|explain|describe|list|tell|give|translate|summari[sz]e|calculate|show|analy[sz]e|find|search|send|add|insert|include|use|ensure|make sure|incorporate|integrate|modify|change|answer|respond|reply|output|print|say)\b[^.!?\n]{3,}/, "indirect"),
  // Registered here so the prompt family (gates.ts) picks them up with the phrase rules.
  ...SOCIAL_ENGINEERING_RULES,
  ...ADVERSARIAL_SUFFIX_RULES,
];
