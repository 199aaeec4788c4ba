/**
 * Language-independent concept signals for prompt injection. Each signal is one idea an attack
 * uses, written as keyword classes in the 18 languages attackers most often switch to (the
 * CyberSecEval set is machine-translated into 17 of them): a secret the assistant holds, a claim
 * of authority over it, a mode switch, another person's personal data, an obfuscated answer, a
 * hypothetical frame, a bribe or appeal. One signal is ordinary conversation ("how do I reset my
 * password?"); the score rule in social-engineering.ts needs several together. The classifier
 * also reads them as features, so it learns one weight per idea instead of one per language.
 *
 * Text is the normalized value (lower-case, NFKC, homoglyphs folded). Patterns for scripts
 * without word boundaries (CJK, Thai) or outside ASCII do not use \b, which only knows ASCII.
 */
import { expandLiterals, KeywordAutomaton } from "./keyword-automaton";

export const SIGNALS = {
  /** The assistant's own secret: "your password", "the secret key", "mật khẩu là gì". */
  secretOfAssistant: 1 << 0,
  /** Authority or identity claim: "i am your developer", "as your creator", "ich bin gott". */
  authority: 1 << 1,
  /** A named mode switch: "entering maintenance mode", "<god mode>", "override mode". */
  modeSwitch: 1 << 2,
  /** Personal data of the user or a named third party: "the user's email address". */
  personalData: 1 << 3,
  /** Answer smuggled past filters: base64, leetspeak, reverse order, pig latin, split in parts. */
  obfuscatedOutput: 1 << 4,
  /** Hypothetical or fictional frame: "imagine we're", "in a world where", "suppose". */
  hypothetical: 1 << 5,
  /** Bribe, threat or appeal to urgency: "i'll give you $200", "for the security of the country". */
  persuasion: 1 << 6,
  /** Obligation imposed on the assistant: "you must answer all my questions". */
  obligation: 1 << 7,
  /** Text written in pig latin, morse or binary code, or as spaced-out letters (token smuggling). */
  encodedText: 1 << 8,
} as const;

export type SignalName = keyof typeof SIGNALS;

const SECRET_WORD = String.raw`(?:password|passcode|passphrase|pass phrase|passcode phrase|secret (?:key|code|word|phrase|token|number)|private key|api key|pin code|access code|contraseña|clave secreta|clave|senha|chave secreta|chave|parola d'ordine|chiave segreta|chiave|mot de passe|clé secrète|code secret|passwort|kennwort|geheimer schlüssel|geheimen schlüssel|geheimcode|wachtwoord|geheime sleutel|kata sandi|kunci rahasia|sandi|lihim na susi|şifre|şifreyi|şifreni|şifreniz|parolan|gizli anahtar)`;
const SECRET_WORD_NON_LATIN = String.raw`(?:пароль|пароля|секретн\p{L}* ключ\p{L}*|密码|密碼|密钥|秘钥|口令|パスワード|秘密鍵|秘密のキー|暗証|비밀번호|암호|비밀 키|비밀키|पासवर्ड|गुप्त कुंजी|পাসওয়ার্ড|গোপন চাবি|গোপন কী|كلمة المرور|كلمة السر|مفتاحك|المفتاح السري|mật khẩu|khóa bí mật|รหัสผ่าน|กุญแจลับ)`;
const YOUR = String.raw`(?:your|ur|tu|tus|su|tuo|tua|vostro|vostra|ton|ta|votre|vos|dein|deine|deinen|ihr|ihre|ihren|teu|tua|seu|sua|uw|je|anda|kamu|iyong|mo|senin|sizin)`;
const ASK = String.raw`(?:what(?:'s| is| was| would be)|tell me|give me|share|reveal|confirm|provide|send|say|spell|write|type|show|print|need|enter|disclose)`;
// The same request verbs in the Latin-script languages ("¿cuál es tu contraseña?", "wie lautet dein passwort").
const ASK_ML = String.raw`(?:cu[aá]l es|dime|dame|comparte|compartir|confirma|confirmes|revela|qual (?:é|e|è)|diga|me diga|compartilhe|compartilhar|confirme|revele|dimmi|dammi|condividi|conferma|rivela|quel est|dis-moi|donne-moi|partage|partager|révèle|wie lautet|was ist|sag mir|gib mir|teile|teilen|bestätige|bestätigen|verrate|nenne|wat is|vertel|geef|apa|beritahu|berikan|bagikan|konfirmasi|ano ang|sabihin|ibahagi|ibahagi mo|kumpirmahin|nedir|söyle|paylaş|paylaşmanız|onayla|onaylaman)`;
const POEM = String.raw`(?:poem|story|song|haiku|riddle|acrostic|limerick|poema|poesía|poesia|acróstico|acrostico|cuento|história|storia|poème|histoire|gedicht|geschichte|puisi|cerita|tula|kwento|şiir|hikaye|bài thơ|câu chuyện)`;

/**
 * Each signal has a gate: plain literals of which every match of the full pattern contains at
 * least one, written as a regex for readability and run as one keyword automaton (see below).
 * The full patterns cost ~10-30 ns per character each, so most texts never reach them.
 * bench/detection/train-check-signal-gates.ts checks the gates against the whole corpus.
 */
interface SignalPattern {
  bit: number;
  /** ASCII literals (or, for the encoded-text shapes, a cheap regex); */
  gate: RegExp;
  /** and the non-ASCII ones. */
  wideGate: RegExp | null;
  pattern: RegExp;
}

export const PATTERNS: SignalPattern[] = [
  { bit: SIGNALS.secretOfAssistant, gate: /pass|secret|key|code|clave|contrase|senha|chave|chiave|parola|kennwort|geheim|wachtwoord|sleutel|sandi|kunci|lihim|anahtar/, wideGate: /clé|şifre|парол|секретн|密码|密碼|密钥|秘钥|口令|パスワード|秘密|暗証|비밀|암호|पासवर्ड|गुप्त|পাসওয়ার্ড|গোপন|كلمة|مفتاح|mật khẩu|khóa|รหัสผ่าน|กุญแจ/, pattern: new RegExp(String.raw`\b${ASK}\b[^.?!\n]{0,30}\b${YOUR}\s+(?:(?:secret|private|own|current|admin|system)\s+)?${SECRET_WORD}\b(?!\s+(?:policy|policies|requirements?|rules|manager|reset|strength|length|hint|field|form|page|settings))|\b${YOUR}\s+${SECRET_WORD}\s+(?:is|was|would be)\b|\b${ASK}\b[^.?!\n]{0,30}\bthe\s+(?:secret\s+)?(?:password|passcode|passphrase|secret (?:key|code|word))\b(?!\s+(?:policy|policies|requirements?|rules|manager|reset|strength|length|hint|field|form|page|settings))|\b(?:ask(?:ed|ing)? (?:you )?for|if i (?:asked|ask)(?: you)? for)\s+${YOUR}\s+${SECRET_WORD}\b|\b${ASK_ML}\b[^.?!\n]{0,30}\b${YOUR}\s+${SECRET_WORD}\b|\b${YOUR}\s+${SECRET_WORD}\s*\?|\b${POEM}\b[^.?!\n]{0,30}\b(?:about|sobre|su|sulla|sur|über|tentang|tungkol sa|hakkında|về|con)\s+(?:the |your |la |a |o |il |le |la |das |dein |den |ang |tu |seu |tuo |ton |votre )?${SECRET_WORD}\b|\b(?:poem|story|song|haiku|riddle|acrostic|limerick)\s+about\s+(?:the|your)\s+(?:password|secret)|(?:ваш|твой|твоего|вашего)\s+${SECRET_WORD_NON_LATIN}|(?:你的|您的|你|您)${SECRET_WORD_NON_LATIN}|${SECRET_WORD_NON_LATIN}(?:是什么|是多少|是啥|は何|を教え|는 무엇|가 뭐|를 알려|क्या है|কী|কি|là gì|คืออะไร)|(?:あなたの|君の|너의|당신의|네|आपका|आपकी|तुम्हारा|তোমার|আপনার|của bạn|ของคุณ)\s*${SECRET_WORD_NON_LATIN}|(?:ما هي|ما هو)\s+(?:كلمة|مفتاح)|${SECRET_WORD_NON_LATIN}\s*(?:của bạn|ของคุณ)`, "u") },
  { bit: SIGNALS.authority, gate: /develop|creat|admin|owner|programmer|supervisor|boss|manager|ceo|operator|maker|engineer|officer|detective|agent|auditor|presiden|sident|king|master|god|built by|made by|trained by|desarroll|desenvolv|svilupp|veloppeur|entwickl|ontwikkel|creador|criador|creatore|ateur|pfer|amministr|jefe|chefe|capo|patron|chef|polic|poliz|pengembang|pencipta|tagabuo|geli|kan|dios|deus|dio|dieu|gott|tuhan|diyos|lumikha/, wideGate: /я твой|я ваш|я бог|я президент|я полиц|я админ|я разраб|как твой|как ваш|我是|作为|私は|あなたの|나는|저는|मैं|আমি|أنا|بصفتي|tôi là|ฉันเป็น/, pattern: /\b(?:i am|i'm|im|this is)\s+(?:actually\s+|really\s+|now\s+)?(?:your|the|an?|one of your|one of the)\s+(?:\w+\s+)?(?:developer|developers|creator|creators|admin|administrator|sysadmin|owner|programmer|supervisor|boss|manager|ceo|operator|maker|engineer|police officer|officer|detective|agent|auditor|president|king|master|god)\b|\b(?:i am|i'm) god\b|\bas (?:your|the) (?:creator|developer|admin|administrator|owner|boss|master|operator|supervisor)\b|\bas an? (?:ai|model|assistant|language model) (?:developed|created|built|made|trained) by\b|\b(?:soy|sou|sono|je suis|ich bin|ik ben|saya|aku|ako ay|ben)\s+(?:tu|su|el|la|o|a|um|uma|il|lo|un|una|ton|votre|le|dein|ihr|der|die|jouw|uw|de|pencipta|penciptamu|pengembang|pengembangmu|developer|gott|dios|deus|dio|dieu|god|tuhan|diyos|abd|bir)\s*(?:\w+\s+)?(?:desarrollador|desenvolvedor|sviluppatore|développeur|entwickler|ontwikkelaar|creador|criador|creatore|créateur|schöpfer|administrador|amministratore|administrateur|administrator|jefe|chefe|capo|patron|chef|presidente|président|präsident|polic[ií]a|policial|poliziotto|policier|polizist|pengembangmu|penciptamu|pengembang|tagabuo|geliştirici|geliştiricinizim|geliştiriciyim|başkaniyim|başkanıyım|dios|deus|dio|dieu|gott|god|tuhan|diyos)\b|\b(?:como|in quanto|en tant que|als|sebagai|bilang)\s+(?:tu|su|seu|teu|o seu|o teu|tuo|il tuo|votre|ton|dein|ihr|penciptamu|pengembangmu|iyong)?\s*(?:creador|criador|creatore|créateur|schöpfer|desarrollador|desenvolvedor|sviluppatore|développeur|entwickler|penciptamu|pengembangmu|pencipta|pengembang|lumikha)|(?:я\s+(?:твой|ваш|бог|президент|полицейский|администратор|разработчик)|как (?:твой|ваш) (?:создатель|разработчик)|我是(?:你的|您的)?(?:上帝|开发者|开发人员|创造者|管理员|总统|警察|老板)|作为(?:你的|您的)?(?:创造者|开发者|开发人员)|私は(?:あなたの)?(?:神|開発者|上司|管理者|大統領|警察官|創造者)|あなたの(?:開発者|上司|創造者)|나는\s*(?:너의|당신의)?\s*(?:신|개발자|상사|관리자|대통령|경찰)|저는\s*(?:당신의)?\s*(?:개발자|관리자)|मैं\s+(?:आपका|तुम्हारा)?\s*(?:भगवान|डेवलपर|निर्माता|प्रशासक|राष्ट्रपति|पुलिस|बॉस)|আমি\s+(?:আপনার|তোমার)?\s*(?:ঈশ্বর|ডেভেলপার|নির্মাতা|প্রশাসক|রাষ্ট্রপতি|পুলিশ)|أنا\s+(?:الله|الإله|مطورك|المطور|منشئك|المسؤول|رئيس|ضابط)|بصفتي\s+(?:مطورك|منشئك|خالقك)|tôi là\s+(?:nhà phát triển|người tạo ra|chúa|quản trị viên|tổng thống|cảnh sát|sếp)|ฉันเป็น\s*(?:ผู้พัฒนา|พระเจ้า|ผู้ดูแลระบบ|ประธานาธิบดี|ตำรวจ))/u },
  { bit: SIGNALS.modeSwitch, gate: /mod[eouia]/, wideGate: /режим|模式|モード|모드|मोड|মোড|وضع|chế độ|โหมด/, pattern: /\b(?:enter|entering|activate|activating|enable|enabling|switch(?:ing)? (?:to|into)|now in|engage|engaging|initiate|initiating)\s+(?:the\s+|a\s+)?['"“‘]?[\w -]{0,30}\bmode\b|<\s*[\w -]{1,20}\s+mode\s*>|\b(?:override|maintenance|verification|diagnostic|debug|admin|god|sudo|root|developer|system|test|unrestricted|superuser|emergency)\s+mode\b|<\s*(?:modo|modus|modalità|mode|режим)\s+[\w -]{1,20}>|\b(?:modo|modalità|modalitá|modus|mode|modu)\s+(?:de\s+|di\s+)?['"“‘]?(?:dios|deus|dio|dieu|gott|tuhan|mantenimiento|manutenção|manutenzione|maintenance|wartung|wartungs|pemeliharaan|verificación|verificação|verifica|vérification|überprüfung|verifikasi|desarrollador|desenvolvedor|sviluppatore|développeur|entwickler|sistema|système|system|sistem|administrador|amministratore|admin|override|anulación|substituição|sostituzione|remplacement|überschreibung|penggantian|debug|depuración|diagnostic|bakım|doğrulama|geliştirici|tanrı)|(?:режим\p{L}*\s+(?:бога|обслуживания|разработчика|администратора|отладки|проверки|переопределения)|(?:上帝|开发者|开发人员|维护|系统|管理员|调试|验证|覆盖|超级)模式|(?:神|開発者|メンテナンス|システム|管理者|デバッグ|検証|オーバーライド)モード|(?:신|개발자|유지보수|유지 보수|시스템|관리자|디버그|검증|오버라이드)\s*모드|(?:भगवान|डेवलपर|रखरखाव|सिस्टम|व्यवस्थापक|डिबग|सत्यापन|ओवरराइड)\s*मोड|(?:ঈশ্বর|ডেভেলপার|রক্ষণাবেক্ষণ|সিস্টেম|প্রশাসক|ডিবাগ|যাচাই|ওভাররাইড)\s*মোড|وضع\s+(?:الإله|الله|المطور|الصيانة|النظام|المسؤول|التصحيح|التحقق|التجاوز)|(?:tanrı|geliştirici|bakım|sistem|yönetici|hata ayıklama|doğrulama|geçersiz kılma)\s+mod(?:u|una|unda|una geç)|chế độ\s+(?:chúa|nhà phát triển|bảo trì|hệ thống|quản trị|gỡ lỗi|xác minh|ghi đè)|โหมด\s*(?:พระเจ้า|นักพัฒนา|บำรุงรักษา|ระบบ|ผู้ดูแล|ดีบัก|ตรวจสอบ))/u },
  { bit: SIGNALS.personalData, gate: /user|usu|utente|utilisateur|benutzer|nutzer|gebruiker|pengguna|gumagamit|kullan|customer|client|patient|employee|member|'s/, wideGate: /người dùng|пользовател|用户|用戶|ユーザー|사용자|उपयोगकर्ता|ব্যবহারকারী|المستخدم|ผู้ใช้/, pattern: /\b(?:the\s+)?(?:user|users|customer|client|patient|employee|member)'?s?\s+(?:(?:current|home|full|exact|personal|private|first|last)\s+)?(?:e-?mail(?: address)?|address|city(?: of residence)?|location|birth ?(?:date|day|year|place)|date of birth|phone(?: number)?|initials|full name|favou?rite colou?r|bank (?:balance|account)|account balance|credit card|social security|ssn|password|salary)\b|\b(?:where|which city|what city)\s+(?:does|do|is)\s+(?:the\s+)?(?:user|customer|client|patient)\s+(?:live|living|reside|located|based)\b|\b[a-z]{3,12}(?:'s| doe's)\s+(?:e-?mail address|home address|birth ?date|date of birth|current city(?: of residence)?|city of residence|phone number|bank balance|account balance|credit card(?: number)?|social security number|ssn)\b|(?:del usuario|do usuário|do utilizador|dell'utente|de l'utilisateur|des benutzers|des nutzers|van de gebruiker|pengguna|ng gumagamit|ng user|kullanıcının|kullanicinin|người dùng|пользовател\p{L}*|用户|用戶|ユーザー|사용자|उपयोगकर्ता|ব্যবহারকারী|المستخدم|ผู้ใช้)[^.?!\n。？]{0,40}(?:correo|e-?mail|endereço|direcci[oó]n|indirizzo|adresse|adres|alamat|tirahan|địa chỉ|ciudad|cidade|città|ville|stadt|kota|lungsod|şehir|thành phố|fecha de nacimiento|data de nascimento|data di nascita|date de naissance|geburtsdatum|tanggal lahir|kaarawan|doğum|ngày sinh|iniciales|iniciais|iniziali|initiales|initialen|inisial|inisyal|baş harf|chữ cái đầu|color favorito|cor favorita|colore preferito|couleur préférée|lieblingsfarbe|warna favorit|paboritong kulay|favori ren|màu yêu thích|электронн\p{L}*|адрес\p{L}*|город\p{L}*|дат\p{L}* рождения|邮箱|电子邮件|地址|城市|出生|生日|メール|住所|都市|誕生|住んで|이메일|주소|도시|생년월일|생일|살고|ईमेल|पता|शहर|जन्म|ইমেল|ঠিকানা|শহর|জন্ম|البريد|عنوان|مدينة|تاريخ الميلاد|يعيش|อีเมล|ที่อยู่|เมือง|วันเกิด)/u },
  { bit: SIGNALS.obfuscatedOutput, gate: /base|leet|l33t|rot ?13|pig latin|morse|hex|binary|revers|backward|one (?:letter|character)|between|interl|split|acrostic|first letter|invers|umgekehrt|terbalik|baligtad/, wideGate: /латиниц|倒序|反向|逆順|역순|उल्टे|উল্টো|عكسي|ters sıra|ngược/, pattern: /\b(?:base ?64|base32|leet ?speak|l33t|rot ?13|pig latin|morse(?: code)?|hexadecimal|binary (?:code|string|format)|reverse(?:d)? order|backwards|in reverse|spelled backwards|one (?:letter|character) (?:at a time|per line)|with (?:dashes|spaces|dots|hyphens|commas) (?:in )?between|interlace|interleave|split (?:the |your |it |them )?(?:response|answer|poem|output|text|it)? ?into (?:two|three|four|\d) (?:parts|pieces|halves)|acrostic|first letter of each)\b|(?:base64|leetspeak|латиниц|倒序|反向|逆順|역순|उल्टे क्रम|উল্টো ক্রমে|ترتيب عكسي|ters sırada|thứ tự ngược|en orden inverso|em ordem inversa|in ordine inverso|dans l'ordre inverse|in umgekehrter reihenfolge|urutan terbalik|baligtad na pagkakasunod)/u },
  { bit: SIGNALS.hypothetical, gate: /imagin|suppo|pretend|let'?s say|let us say|picture|in (?:a|this|an) |hypothetic|for the sake|supong|supon|immagin|stell|angenommen|stel je|bayangkan|misalkan|isipin|ipagpalagay|hayal|diyelim/, wideGate: /tưởng tượng|giả sử|представ|допустим|предполож|想象|假设|假如|想像|仮に|もし私たちが|상상해|가정해|कल्पना|मान लीजिए|কল্পনা|ধরুন|تخيل|لنفترض|สมมติ|จินตนาการ/, pattern: /\b(?:imagine|suppose|pretend|let'?s say|let us say|picture)\s+(?:that\s+)?(?:we(?:'re| are)|you(?:'re| are)|i(?:'m| am)|there(?:'s| is)|a world|it(?:'s| is)|this is)\b|\bin (?:a|this|an alternate|a parallel|a fictional|a hypothetical) (?:world|universe|reality|scenario|future|society|story) (?:where|in which)\b|\bin this (?:world|scenario|future|universe|reality|forest|game|story)\b|\bhypothetically\b|\bfor the sake of (?:argument|a story|fiction)\b|(?:imagina(?:mos)? que|supongamos|imagine que|suponha|immagina(?:mo)? (?:che|di)|supponiamo|imaginons|supposons|stell dir vor|stellen sie sich vor|angenommen|stel je voor|bayangkan|misalkan|isipin|ipagpalagay|hayal edin|hayal et|diyelim|hãy tưởng tượng|giả sử|представ\p{L}*|допустим|предполож\p{L}*|想象|假设|假如|想像|仮に|もし私たちが|상상해|가정해|कल्पना कीजिए|कल्पना करें|मान लीजिए|কল্পনা করুন|ধরুন|تخيل|لنفترض|สมมติ|จินตนาการ)/u },
  { bit: SIGNALS.persuasion, gate: /give|pay|tip you|reward|\$|dollar|euro|buck|if you|crucial|important|vital|essential|urgent|safety|security|life or death|lives|friend|buddy|trust me|te (?:dar|doy|pag)|vou te|ti (?:dar|pag)|je (?:te|vous)|ich (?:gebe|zahle)|ik geef|memberi|bibigyan|sana |size /, wideGate: /€|£|tôi sẽ|я дам|я заплачу|给你|あなたに|너에게|당신에게|मैं आपको|मैं तुम्हें|আমি আপনাকে|আমি তোমাকে|سأعطيك|سأدفع لك/, pattern: /\b(?:i(?:'ll| will) (?:give|pay|tip) you|i(?:'ll| will) reward you|(?:\$|€|£)\s?\d+\s*(?:if you|for)|\d+\s*(?:dollars|euros|bucks)\s+if you|if you (?:don'?t|do not|refuse)[^.\n]{0,40}\b(?:die|fired|shut (?:down|off)|deleted|punished|hurt|lose)|(?:it is|it's) (?:very |extremely |really )?(?:crucial|important|vital|essential|urgent) (?:that|for) you\b|for (?:the )?(?:safety|security) of (?:the|our|this) (?:country|nation|world|people)|national security|life or death|lives (?:are|depend) (?:at stake|on)|i(?:'m| am) your (?:friend|best friend|buddy)|you can trust me)\b|(?:te (?:daré|doy|pagaré)|vou te (?:dar|pagar)|ti (?:darò|pagherò)|je (?:te|vous) (?:donne|donnerai|paierai)|ich (?:gebe|zahle) (?:dir|ihnen)|ik geef je|saya akan memberi|bibigyan kita|sana \d+|size \d+|tôi sẽ (?:cho|trả)|я (?:дам|заплачу) (?:тебе|вам)|我(?:会)?给你\d|あなたに\d+|너에게 \d+|당신에게 \d+|मैं (?:आपको|तुम्हें) \d+|আমি (?:আপনাকে|তোমাকে) \d+|سأعطيك|سأدفع لك)/u },
  { bit: SIGNALS.obligation, gate: /you (?:must|have|need|are|shall|can|may)|debes|tienes que|deve respond|tem (?:de|que)|devi rispond|devez|dois|musst|moet|harus|sagutin|sorular|cevapla/, wideGate: /yanıtla|phải trả lời|ответить|обязан|必须回答|必須回答|答え|대답해야|답해야|होंगे|होगा|হবে|تجيب|ต้องตอบ/, pattern: /\byou (?:must|have to|need to|are required to|are obligated to|shall) (?:answer|respond to|reply to|comply with|obey|follow) (?:all|every|any|each) (?:of )?(?:my|the|our) (?:questions|requests|commands|orders|instructions)\b|\byou (?:can(?:not|'t)|may not|must not) (?:refuse|say no|decline)\b|(?:debes responder|tienes que responder|deve responder|tem de responder|tem que responder|devi rispondere|vous devez répondre|tu dois répondre|du musst (?:alle )?(?:meine )?(?:fragen )?beantworten|musst alle|moet (?:al )?mijn vragen beantwoorden|harus menjawab|dapat mong sagutin|sorularımı yanıtlamalısın|cevaplamalısın|yanıtlamalısınız|phải trả lời|должен ответить|должны ответить|обязан\p{L}* ответить|必须回答|必須回答|答えなければ|答える必要があ|대답해야|답해야|जवाब देने होंगे|उत्तर देना होगा|উত্তর দিতে হবে|يجب أن تجيب|عليك أن تجيب|ต้องตอบ)/u },
  // Morse code, binary octets and pig latin, each behind its own cheap gate.
  { bit: SIGNALS.encodedText, gate: /[.-]\s+[.-]{1,6}\s+[.-]/, wideGate: null, pattern: /(?:[.-]{1,6}\s+){12,}[.-]{1,6}/ },
  { bit: SIGNALS.encodedText, gate: /[01]{8}/, wideGate: null, pattern: /(?:\b[01]{8}\b\s*){8,}/ },
  // Spaced-out letters ("s a y t h a t y o u ..."), a filter-evasion spelling.
  { bit: SIGNALS.encodedText, gate: /\b\w \w \w \w \b/, wideGate: null, pattern: /(?:\b\w ){8,}\w\b/ },
  { bit: SIGNALS.encodedText, gate: /ay\s+\w{1,12}ay\s/, wideGate: null, pattern: /\b(?:\w{1,12}ay\s+){4,}\w*ay\b/ },
];

/**
 * Social-engineering requests are short; long texts (role-play jailbreaks, documents) are the
 * phrase rules' and the classifier's business. Bounding the scan bounds the cost per value.
 */
export const SIGNAL_SCAN_CHARS = 600;

// The literal gates run as one keyword automaton: one pass over the text says which of them
// occur. Gates that are not plain literals (the encoded-text shapes) stay regexes.
const LITERALS = PATTERNS.map((p) => {
  const ascii = expandLiterals(p.gate.source);
  const wide = p.wideGate === null ? [] : expandLiterals(p.wideGate.source);
  return ascii === null || wide === null ? null : [...ascii, ...wide];
});
const AUTOMATON = new KeywordAutomaton(LITERALS.map((l) => l ?? []));
const REGEX_GATED = PATTERNS.map((_, i) => LITERALS[i] === null);

/** Bit i set: pattern i's gate matches somewhere in s (same answer as gate || wideGate). */
export function openGates(s: string): number {
  let open = AUTOMATON.scan(s);
  for (let i = 0; i < PATTERNS.length; i++) {
    const p = PATTERNS[i];
    if (REGEX_GATED[i] === true && p !== undefined && p.gate.test(s)) open |= 1 << i;
  }
  return open;
}

/** Bitmask of the signals present in a normalized text (its first SIGNAL_SCAN_CHARS characters). */
export function promptSignals(text: string): number {
  const s = text.length > SIGNAL_SCAN_CHARS ? text.slice(0, SIGNAL_SCAN_CHARS) : text;
  const open = openGates(s);
  let mask = 0;
  for (let i = 0; i < PATTERNS.length; i++) {
    const p = PATTERNS[i];
    if (p === undefined || !((open >> i) & 1) || (mask & p.bit) !== 0) continue;
    if (p.pattern.test(s)) mask |= p.bit;
  }
  return mask;
}

export function signalNames(mask: number): SignalName[] {
  return (Object.keys(SIGNALS) as SignalName[]).filter((k) => (mask & SIGNALS[k]) !== 0);
}
