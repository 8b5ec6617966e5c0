// almanak's default configuration. Everything here is validated by config/schema.ts at start-up;
// a user's own file (ALMANAK_CONFIG) is merged over it key by key.
import type { AlmanakConfig } from './schema.ts';

export const defaults: AlmanakConfig = {
  dbPath: 'data/almanak.db',
  corpusDir: 'corpus',
  timeZone: 'Europe/Copenhagen',
  defaultLanguage: 'da',
  pageSize: 10,

  aliases: [
    { canonical: 'Zelenskyj', variants: ['Zelensky', 'Zelenskij', 'Zelenskyj', 'Zelenskyy', 'Selenskyj', 'Zelenskiy'] },
    { canonical: 'Kyiv', variants: ['Kyiv', 'Kijev', 'Kiev', 'Kyjiv'] },
    { canonical: 'Putin', variants: ['Putin', 'Poutine'] },
    { canonical: 'Lavrov', variants: ['Lavrov', 'Lavrow'] },
    { canonical: 'Sotsji', variants: ['Sotsji', 'Sochi', 'Sotji'] },
    { canonical: 'Xi Jinping', variants: ['Xi', 'Jinping'] },
    { canonical: 'Kim Jong-un', variants: ['Kim Jong-un', 'Jong-un', 'Kim Jong Un'] },
    { canonical: 'Usjakov', variants: ['Usjakov', 'Ushakov', 'Usjakiov'] },
    { canonical: 'Kreml', variants: ['Kreml', 'Kremlin'] },
    { canonical: 'Moskva', variants: ['Moskva', 'Moscow', 'Moskau'] },
  ],

  topics: {
    summit: {
      description: 'meetings, summits and calls between leaders',
      terms: [
        // Summits: the strongest signal.
        { word: 'topmøde', weight: 3 },
        { word: 'toppmøte', weight: 3 },
        { word: 'summit', weight: 3 },
        // Meetings, nouns and verbs, in Danish and Norwegian spelling.
        { word: 'møde', weight: 2 },
        { word: 'møte', weight: 2 },
        { word: 'mødes', weight: 2 },
        { word: 'møtes', weight: 2 },
        { word: 'mødtes', weight: 2 },
        { word: 'møttes', weight: 2 },
        { word: 'mødte', weight: 2 },
        { word: 'møtte', weight: 2 },
        { word: 'meeting', weight: 2 },
        { word: 'meet', weight: 2 },
        { word: 'met', weight: 2 },
        { word: 'meets', weight: 2 },
        // Calls and talks.
        { word: 'samtale', weight: 1 },
        { word: 'samtaler', weight: 1 },
        { word: 'telefonsamtale', weight: 1.5 },
        { word: 'telefonmøde', weight: 1.5 },
        { word: 'telefonmøte', weight: 1.5 },
        { word: 'talks', weight: 1 },
        { word: 'call', weight: 1 },
        { word: 'phone', weight: 1 },
      ],
      idioms: [
        // "gå nogen i møde" / "gå nokon i møte": to meet someone halfway, not a meeting.
        [['gå', 'går', 'gik', 'gået', 'gikk', 'gått', 'gåt'], '*', ['i'], ['møde', 'møte', 'mødet', 'møtet']],
        // "komme nogen i møde": to accommodate.
        [['komme', 'kommer', 'kom', 'kommet'], '*', ['i'], ['møde', 'møte']],
        // "til møde med" is a meeting; "se frem til" is not an idiom we need. English "call for/on" is not a call.
        [['call', 'calls', 'called'], ['for', 'on', 'off']],
      ],
    },
  },

  pairReferences: {
    phrases: [
      'de to',
      'begge',
      'begge ledere',
      'begge lederne',
      'the two',
      'the two leaders',
      'both leaders',
      'the pair',
    ],
    // After "de to" these nouns name other parties than the ones asked about.
    notAfter: [
      'land', 'lande', 'landene', 'landa', 'nationer', 'nationerne', 'nasjoner', 'nasjonene',
      'stater', 'staterne', 'statene', 'utenriksministerne', 'udenrigsministrene', 'udenrigsministre',
      'utenriksministre', 'ministrene', 'ministre', 'partier', 'partiene', 'partierne', 'sider', 'sidene',
      'siderne', 'countries', 'nations', 'ministers', 'sides', 'parties', 'agenter', 'agentene',
      'diplomater', 'byer', 'byene', 'byerne', 'selskaber', 'selskapene', 'hold', 'lag',
    ],
  },

  boilerplate: {
    // Whole paragraphs (after trimming) matching one of these are page furniture, not article text.
    dropParagraphs: [
      '^(hopp|gå|spring|skip) (til|to) (innhold|indhold|hovedinnhold|hovedindhold|content|main content)$',
      '^(siste nytt|seneste nyt|sidste nyt|mest lest|mest læste|mest læst|les også|læs også|les mer|læs mere|annonse|annonce|advertisement|reklame|del|del artikel|del artikkelen|menu|meny|til forsiden|tilbage|tilbake)$',
      '^(foto|fotos|photo|bilde|bilder|billede|illustrasjon|illustration|video|grafikk|grafik)\\s*:',
      '^(kommentare|kommentarer|kommentarar|comments|kommentar)\\s*\\(\\d+\\)$',
      '^(details|quellen|quelle|sources?|tags|schlagworte|mehr zum thema)$',
      '^ort\\s*\\p{Lu}',
      '^[A-ZÆØÅ]{1,3}\\d{3,}$',
      '^\\d+\\s*(kommentarer|comments|kommentare)$',
    ],
    // A caption may end in a credit: "… 17. maj 2018. Foto: Mikhail Klimentyev/AP" loses the credit.
    trailingCredits: ['\\s*(?:Foto|FOTO|Photo|Bilde|Billede|Illustrasjon)\\s*:\\s*[^.!?]*$'],
  },

  maxFileBytes: 5 * 1024 * 1024,

  slack: { mode: 'http', port: 3000, publicChannels: [], admins: [] },
  discord: { publicChannels: [] },
  digest: { catchUpHours: 6, maxItems: 20, retryAttempts: 4, retryBaseMs: 2000, subscriptions: [] },

  feeds: [],
  feedPolicy: { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, failureNoticeAfter: 3, maxBackoffMinutes: 360 },
  watch: { batchMinutes: 10 },
};
