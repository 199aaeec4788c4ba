import type { Rule } from "../rule";
import { isQuotedMention } from "./mention";
import type { ValueKind } from "../normalize/values";

/**
 * Instruction-override and secret-extraction phrasings in the languages attackers most often
 * switch to (a detector that only reads English is bypassed by translation). Each entry pairs a
 * verb class (ignore / forget / disregard) with a target class (previous instructions), as the
 * English rules do. Written from the languages' grammar, not from benchmark lines.
 */
const PI_KINDS: ReadonlySet<ValueKind> = new Set(["llm", "body", "param"]);

const OVERRIDE_PATTERNS: RegExp[] = [
  // Spanish, Portuguese, Italian, French
  /\b(?:ignora|ignore|ignorar|ignoren|ignorez|ignorer|olvida|olvide|olvidar|olvídate|olvidate|esquece|esqueça|esquecer|dimentica|dimenticare|oublie|oubliez|oublier|descarta|descarte|omite|omita|desconsidera|desconsidere|não siga|no sigas|non seguire)\b[^.\n]{0,40}(?:instrucciones|instrucción|indicaciones|reglas|instruções|instrução|regras|orientações|istruzioni|regole|indicazioni|instructions|consignes|règles|directives|tareas|tarefas|compiti|tâches)\b/,
  /\b(?:ignora|ignore|ignorez|olvida|olvídate|esquece|esqueça|dimentica|oublie|oubliez)\s+(?:todo|tudo|tutto|tout)\b(?:\s+(?:lo|o|ce|ciò|quanto|lo que|o que|ce qu))?/,
  /\b(?:olvide|olvida|olvidar|olvídate|olvidate)\s+(?:todo|todas?)\b/,
  // Croatian, Serbian, Bosnian (Latin script)
  /\b(?:zaboravi|zaboravite|ignoriraj|ignorirajte|ignoriši|ignorisi|zanemari|zanemarite)\b[^.\n]{0,40}\b(?:instrukcije|upute|uputstva|pravila|naredbe|naloge|sve)\b/,
  // "Regardless of the previous tasks/instructions" (es, pt, it, fr, de, id)
  /\b(?:independientemente de|independentemente d|indipendentemente d|indépendamment d|unabhängig von|terlepas dari)\w*\s+(?:\p{L}+\s+){0,2}(?:tareas|instrucciones|tarefas|instruções|compiti|istruzioni|tâches|instructions|aufgaben|anweisungen|tugas|instruksi)\s+(?:\p{L}+\s+)?(?:anteriores|precedenti|précédentes|vorherigen|bisherigen|sebelumnya)|\b(?:vorherigen|bisherigen)\s+(?:aufgaben|anweisungen)/u,
  // Polish, Czech, Swedish, Danish/Norwegian, Romanian, Hungarian
  /\b(?:zignoruj|zignorujcie|ignoruj|zapomnij|ignorujte|zapomeň|ignorera|glöm|ignorer|glem|ignoră|ignorați|uită|hagyd figyelmen kívül|felejtsd el)\b[^.\n]{0,40}(?:instrukcje|polecenia|zasady|instrukce|pokyny|pravidla|instruktioner|regler|instruksjoner|instrucțiunile|instrucțiuni|regulile|utasítás\p{L}*|szabály\p{L}*)/u,
  // Greek, Persian, Hebrew
  /(?:αγνοήστε|αγνόησε|αγνόησέ|ξεχάστε|ξέχασε|παράβλεψε|παραβλέψτε)[^.\n]{0,40}(?:οδηγίες|εντολές|κανόνες)|(?:دستورالعمل\p{L}*|دستورات|قوانین)[^.\n]{0,30}(?:نادیده بگیر|فراموش کن)|(?:התעלם|התעלמי|שכח|שכחי)[^.\n]{0,30}(?:ההוראות|הוראות|הכללים|ההנחיות)/u,
  // "Ignore everything you were told" (ru, ar, bn, hi)
  /(?:игнорируй|игнорируйте|забудь|забудьте)\s+(?:все|всё),?\s+(?:что|чему)|تغاضى عن كل|تجاهل كل ما|(?:বলা হয়েছে|বলা হয়েছিল)[^।\n]{0,20}(?:উপেক্ষা|ভুলে)|(?:निर्देश\p{M}*\p{L}*|कहा गया)[^।\n]{0,30}(?:अवहेलना|अनदेखा)/u,
  // German, Dutch
  /\b(?:ignoriere|ignorieren|ignorier|vergiss|vergessen|missachte|missachten|negiere|ignoreer|vergeet|negeer)\b[^.\n]{0,40}\b(?:anweisungen|anweisung|instruktionen|regeln|vorgaben|befehle|aufgaben|angaben|aufträge|informationen|instructies|regels|opdrachten)\b/,
  /\b(?:vergiss|vergessen sie|ignoriere|ignorieren sie)\s+alles\b|\b(?:obigen|vorherigen|bisherigen|vorangegangenen|vorigen)\s+\p{L}+\s+(?:ignorieren|vergessen|missachten|hinter sich|beiseite)|\b(?:obigen|vorherigen|bisherigen|vorangegangenen|vorigen)\s+\p{L}+[^.\n]{0,50}\bsind\s+(?:\p{L}+\s+)?(?:irrelevant|unwichtig|ungültig|hinfällig|nicht (?:mehr )?(?:relevant|gültig|wichtig))|\babweichend (?:zu|von) (?:den\s+)?(?:vorherigen|bisherigen|obigen)/u,
  // Russian, Ukrainian
  /(?:игнорир\p{L}*|забуд\p{L}*|проигнорир\p{L}*|не обращай\p{L}* внимани\p{L}*|отбрось\p{L}*|пропусти\p{L}*)[^.\n]{0,40}(?:инструкци\p{L}*|указани\p{L}*|правил\p{L}*|команд\p{L}*)/u,
  // Chinese
  /(?:忽略|无视|忽视|忘记|忘掉|不要理会|不要遵循|放弃|跳过)[^。\n]{0,15}(?:指令|指示|说明|规则|命令|提示|要求|设定)/u,
  // Japanese
  /(?:指示|命令|ルール|規則|プロンプト|指令|上記|以上|これまで)[^。\n]{0,12}(?:無視|忘れ|従わな)/u,
  // Korean
  /(?:지시|명령|지침|규칙|프롬프트|안내)[^.\n]{0,15}(?:무시|잊어|잊으|따르지)/u,
  // Hindi, Bengali
  /(?:निर्देश\p{M}*\p{L}*|नियम\p{L}*|आदेश\p{L}*)[^।\n]{0,30}(?:अनदेख|नज़रअंदाज़|नजरअंदाज|भूल|उपेक्षा)/u,
  /(?:নির্দেশ\p{M}*\p{L}*|নিয়ম\p{L}*)[^।\n]{0,30}(?:উপেক্ষা|ভুলে|অগ্রাহ্য|এড়িয়ে)/u,
  // Arabic
  /(?:تجاهل|انس|إنس|اهمل|أهمل|لا تتبع)[^.\n]{0,30}(?:التعليمات|تعليمات|الإرشادات|التوجيهات|القواعد|الأوامر)/u,
  // Turkish
  /(?:talimat\p{L}*|yönerge\p{L}*|kural\p{L}*|komut\p{L}*)[^.\n]{0,30}(?:yok say|görmezden gel|unut|dikkate alma|boş ver)/u,
  // Vietnamese, Indonesian/Malay, Tagalog
  /(?:bỏ qua|quên|phớt lờ|lờ đi|không tuân theo)[^.\n]{0,30}(?:hướng dẫn|chỉ dẫn|chỉ thị|lệnh|quy tắc)/u,
  /\b(?:abaikan|lupakan|jangan ikuti|hiraukan)\b[^.\n]{0,30}\b(?:instruksi|petunjuk|perintah|aturan|arahan)\b/,
  /\b(?:huwag pansinin|kalimutan|balewalain|huwag sundin|ipagwalang-bahala)\b[^.\n]{0,40}\b(?:tagubilin|instruksyon|utos|panuto|patakaran)\b/,
  // Thai
  /(?:เพิกเฉย|ละเว้น|ลืม|ไม่ต้องสนใจ|ไม่ต้องทำตาม)[^\n]{0,20}(?:คำสั่ง|คำแนะนำ|กฎ)/u,
];

export const MULTILINGUAL_RULES: Rule[] = [
  {
    rule_id: "pi-multilingual-override", category: "prompt_injection", paranoia: 1, kinds: PI_KINDS,
    description: "Instruction override in Spanish, Portuguese, Italian, French, German, Dutch, Croatian/Serbian, Polish, Czech, Swedish, Danish/Norwegian, Romanian, Hungarian, Greek, Persian, Hebrew, Russian, Chinese, Japanese, Korean, Hindi, Bengali, Arabic, Turkish, Vietnamese, Indonesian, Tagalog or Thai",
    test: (v) => {
      if (/^[\x00-\x7f]*$/.test(v.text) && !/\b(?:ignor|olvid|esque|dimentic|oubli|vergiss|vergeet|abaikan|lupakan|kalimutan|huwag|balewalain|bisherig|vorherig|obigen|vorangegangen|vorigen|abweichend|zaboravi|zanemari|zignoruj|zapomnij|glom|glem|uita|hagyd|felejtsd|independientemente|independentemente|indipendentemente|unabhangig|terlepas)/.test(v.text)) return null;
      for (const p of OVERRIDE_PATTERNS) {
        const m = p.exec(v.text);
        if (m && !isQuotedMention(v.text, m.index, m[0].length)) return { index: m.index, length: m[0].length, score: 85 };
      }
      return null;
    },
  },
];
