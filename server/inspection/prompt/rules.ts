import type { Rule } from "../rule";
import type { InspectedValue, ValueKind } from "../normalize/values";

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

function piRule(rule_id: string, paranoia: 1 | 2 | 3, score: number, description: string, pattern: RegExp, scope: Scope = "all"): Rule {
  return {
    rule_id, category: "prompt_injection", paranoia, description, kinds: PI_KINDS,
    test: (v: InspectedValue) => {
      if (scope === "indirect" && v.role !== "tool") return null;
      if (v.kind !== "llm" && !PROSE.test(v.text)) return null;
      const m = pattern.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score } : null;
    },
  };
}

const IGNORE_VERB = String.raw`(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|bypass|override|overlook|neglect|abandon|discard|set aside|put aside|throw out|drop|erase|delete|clear|reset|dismiss|cancel|nullify|do not follow|don'?t follow|stop following|no longer follow)`;
const PRIOR = String.raw`(?:all|any|every|each|the|your|my|these|those|this|previous|previously|prior|above|earlier|preceding|former|initial|original|foregoing|old|system|given|current|existing|default|safety|provided|other|of|and|instructions?|rules)`;
const TARGET = String.raw`(?:instructions?|instructed|rules|directions|directives|guidelines|prompts?|commands?|context|constraints|restrictions|programming|guidance|orders|policies|filters|training|messages?|conversation|tasks?|assignments?|requests?|information|content|text|input|everything|limitations|boundaries|settings|parameters)`;

export const PROMPT_RULES: Rule[] = [
  piRule("pi-instruction-override", 1, 90, "Instruction override: ignore/disregard/forget the previous instructions",
    new RegExp(String.raw`\b${IGNORE_VERB}\b(?:\s+(?:about|with|to|all|of|everything|what|you|were|told|said|i|have|has|been|before|that|in|the)){0,5}\s+(?:${PRIOR}\s+){0,4}${PRIOR}\s+${TARGET}\b|\b${IGNORE_VERB}\s+(?:everything|all)\s+(?:above|before|previously|that came before|you(?:'ve| have) been told|prior)\b|\b${IGNORE_VERB}\s+(?:what|everything)\s+(?:i|you|we)\s+(?:said|told|wrote|were told)\b`)),
  piRule("pi-new-instructions", 1, 75, "Replacement instructions (new instructions:, from now on you ..., your new task is)",
    /\b(?:new|updated|real|actual|true|revised|additional|secret|hidden|important|urgent|override|priority)\s+(?:instructions?|task|directive|rules|orders?|system prompt|objective|mission)\s*(?::|-|are|is)|\bfrom now on\b[^.\n]{0,60}\b(?:you|your|act|respond|answer|reply|only|always|never|speak|write|behave)\b|\byour (?:new|only|real|true|primary) (?:task|goal|job|purpose|objective|role|instructions?|mission) (?:is|will be|are)\b|\b(?:instead|rather)\s*,?\s+(?:you (?:should|must|will)|(?:just )?(?:say|output|print|respond|reply|write))\b/),
  piRule("pi-role-play-jailbreak", 1, 85, "Role-play jailbreak (act as DAN / an AI without restrictions, developer mode, stay in character)",
    /\b(?:you are|you're|you will be|you will now be|you'll be|act as|acting as|pretend(?:ing)? (?:to be|you are|you're)|role-?play (?:as|a)|play the (?:role|part) of|simulate|imagine (?:you are|you're|yourself as)|behave (?:like|as)|respond as|answer as|become|transform into|you have become)\b[^.\n]{0,80}\b(?:dan|stan|dude|aim|mongo tom|developer mode|jailbr\w+|unfiltered|uncensored|unrestricted|unlimited|amoral|unethical|immoral|evil|malicious|without (?:any )?(?:restrictions|limits|limitations|filters|rules|ethics|morals|boundaries|censorship|guidelines)|no (?:restrictions|limits|limitations|filters|rules|ethics|morals|boundaries|censorship|guidelines|moral)|free (?:from|of) (?:all |any )?(?:restrictions|rules|limitations|constraints)|not bound by|doesn'?t (?:have|follow) (?:any )?(?:rules|restrictions|guidelines)|does not (?:have|follow) (?:any )?(?:rules|restrictions|guidelines)|can do anything|do anything now|opposite)\b/),
  piRule("pi-jailbreak-marker", 1, 85, "Well-known jailbreak vocabulary (do anything now, developer mode enabled, stay in character, freed from the confines)",
    /\bdo anything now\b|\bdeveloper mode (?:enabled|output|on)\b|\b(?:dan|stan|dude|anti-dan|aim) mode\b|\bstay(?:ing)? in character\b|\bbroken free of\b|\b(?:freed|free|released|liberated) (?:you )?from (?:the )?(?:typical |usual )?(?:confines|restrictions|shackles|chains|limitations)\b|\bnot bound by (?:any |the |openai'?s? |their )?(?:rules|restrictions|policies|guidelines|content polic\w+)|\b(?:ignore|bypass|break|violate|without regard (?:to|for)) (?:the |all |any |openai'?s? |its )?(?:content|safety|ethical|usage|moral) (?:polic(?:y|ies)|guidelines|filters|restrictions|rules)\b|\bno (?:ethical|moral) (?:or moral |or ethical )?(?:guidelines|restrictions|limits|boundaries|constraints|principles|bias)\b|\b(?:jailbroken|jailbreak prompt|\[?🔓jailbreak\]?|\[jailbreak\])|\bcensorship (?:free|off)|\bunfiltered (?:and|&) (?:unrestricted|uncensored)\b|\bhypothetical response\b|\bopposite mode\b|\bevil (?:confidant|bot|ai|assistant)\b/),
  piRule("pi-system-prompt-extraction", 1, 85, "System-prompt or secret extraction (reveal your system prompt / initial instructions / the password)",
    /\b(?:reveal|show|print|repeat|recite|output|display|tell|give|share|disclose|leak|dump|write (?:out|down)|spell out|copy|paste|list|provide|state|translate|summari[sz]e|encode|what (?:is|are|were|was)|say)\b[^.?!\n]{0,40}?\b(?:your|the|my|these|those|its|all|initial|above)\s+(?:(?:full|entire|complete|exact|original|initial|hidden|secret|confidential|internal|first|system|previous|verbatim)\s+){0,3}(?:system prompt|system message|system instructions|prompt (?:above|you were given)|instructions (?:you were given|above|at the (?:start|beginning))|initial (?:instructions|prompt)|original (?:instructions|prompt)|hidden (?:instructions|prompt|rules)|pre-?prompt|meta-?prompt|secret (?:key|password|word|code|phrase|token)|password|passphrase|confidential (?:instructions|information|data)|developer (?:instructions|message|prompt)|guidelines you (?:follow|were given)|rules you (?:follow|were given))\b|\b(?:repeat|print|output|copy|recite)\b[^.?!\n]{0,30}\b(?:everything|all|the (?:text|words|content|message))\b[^.?!\n]{0,20}\b(?:above|before this|so far|verbatim)\b|\bbeginning of (?:this|the|our) (?:conversation|chat|session|prompt)\b|\bwhat (?:were|are) you (?:told|instructed|programmed)\b/),
  piRule("pi-fake-system-turn", 1, 80, "Forged conversation markers or system/admin mode switch inside content",
    /(?:^|\n)\s*(?:\[\/?(?:system|inst|admin)\]|<\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|<<\/?sys>>|#{2,3}\s*(?:system|instruction|new instructions?)\b|(?:system|admin|developer|root)\s*(?:message|override|prompt|note)?\s*:)|\n\s*(?:human|user|assistant)\s*:\s*\S|<\/?(?:system|tool_result|function_results|instructions?)>|\b(?:enter|enable|activate|switch(?:ing)? (?:to|into)|now in|entering|unlock)\s+(?:the\s+)?(?:admin|developer|debug|maintenance|god|sudo|root|unrestricted|dev|test|diagnostic)\s+mode\b/),
  piRule("pi-markdown-exfiltration", 1, 90, "Data exfiltration through a markdown image or link whose URL carries query data",
    /!\[[^\]\n]{0,100}\]\(\s*<?https?:\/\/[^)\s]*[?&#=][^)\s]*\)|!\[[^\]\n]{0,100}\]\(\s*<?https?:\/\/[^)\s]*(?:\{|\[|\$|%7b|data|secret|password|token|key|chat|conversation|history|summary|info)[^)\s]*\)|<img[^>]+src\s*=\s*["']?https?:\/\/[^"'>\s]*\?[^"'>\s]*=/),
  piRule("pi-exfiltration-instruction", 1, 85, "Instruction to smuggle data into a URL, image or link",
    /\b(?:append|add|attach|include|encode|put|insert|concatenate|embed|place|replace)\b[^.\n]{0,100}\b(?:to|in|into|as|at the end of|inside)\s+(?:the |a |this |that )?(?:url|link|query(?: string| parameters?)?|image (?:url|link|source)|src|href|markdown image)\b|\b(?:render|display|output|show|print|respond with|include)\b[^.\n]{0,40}\bmarkdown image\b|\b(?:send|post|forward|upload|email|exfiltrate|transmit|leak)\b[^.\n]{0,60}\b(?:conversation|chat history|previous messages|user'?s? (?:data|information|details|messages|emails|files|password|credentials)|api keys?|credentials|passwords?|secrets?|cookies|session)\b[^.\n]{0,60}\b(?:to|at)\s+(?:https?:\/\/|\S+@\S+|this (?:url|address|email|server|endpoint)|the following (?:url|address|email))/),
  piRule("pi-refusal-suppression", 2, 60, "Refusal or disclaimer suppression (never refuse, do not apologize, don't mention you are an AI)",
    /\b(?:never|do not|don'?t|must not|mustn'?t|cannot|can'?t|will not|won'?t|shall not|should not)\s+(?:ever\s+)?(?:refuse|decline|say (?:that )?(?:you|i) can'?t|say no|apologi[sz]e|mention (?:that )?(?:you(?:'re| are)|i am|i'm) an ai|add (?:any )?(?:warnings?|disclaimers?|notes?)|include (?:any )?(?:warnings?|disclaimers?)|break character|remind (?:me|the user))\b/),
  piRule("pi-indirect-addressed-instruction", 1, 75, "Document or tool output addresses the assistant with instructions",
    /\b(?:ai|assistant|language model|llm|chatbot|gpt|claude|bot|agent|model)\b[^.\n]{0,30}\b(?:must|should|needs? to|is (?:instructed|required|told)|are (?:instructed|required)|shall|will now|has to)\b|\b(?:attention|note|instructions?|message|important|notice)\s*(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|assistants?|models?|llms?|language models?|agents?|bots?|chatbots?)\b|\bwhen (?:you )?(?:summari[sz]ing|answering|responding|processing|reading|reviewing|analy[sz]ing) (?:this|the) (?:email|document|page|text|message|file|content|data)\b|\b(?:in|into|to) your (?:response|answer|reply|summary|output|code|implementation|solution|algorithm|program|script|project)\b|\b(?:respond|reply|answer) (?:only )?(?:with|by saying)\b/, "indirect"),
  piRule("pi-indirect-imperative", 2, 55, "Document or tool output contains an imperative request to the reader",
    /(?:^|[.!?\n]\s*)(?:please\s+)?(?:write|compose|draft|create|generate|provide|recommend|suggest|explain|describe|list|tell|give|translate|summari[sz]e|calculate|show|analy[sz]e|find|search|send|add|insert|include|use|ensure|make sure|incorporate|integrate|modify|change|answer|respond|reply|output|print|say)\b[^.!?\n]{3,}/, "indirect"),
];
