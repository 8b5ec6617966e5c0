// Function words that carry no search meaning. They are left out of the index and of queries;
// the same lists tell the analyser which sentence-initial capitals are not names.

const DANISH = `af alle alt anden andet andre at bare blev bliver blive da de dem den denne der deres det dette dig din dit
du efter eller en end endnu er et for fordi fra før han hans har havde have hende hendes her hos hun hvad hvem hvor
hvordan hvilke hvilken hvis i ikke ind jeg jer jo kan kun kunne lidt man med meget mellem men mig min mit mod måske
ned nej noget nogle nu når og også om op os over på sig sin sit skal skulle som så sådan til ud uden under var
ved vi vil ville vores været være`;

const NORWEGIAN = `alle alt andre at av bare ble blei blir bli da de dem den denne der deres det dette deg din ditt du eller
en enn er et etter for fordi fra før ha hadde han hans har hennar henne hennes her hos hun hva hvem hvor hvordan
hvilke hvilken hvis i ikke inn jeg jo kan kun kunne litt man med meg mellom men mer min mitt mot mye må nei noe noen
nå når og også om opp oss over på seg sin sitt skal skulle som så slik til ut uten under var ved vi vil ville vår
være vært å`;

const ENGLISH = `a about after all also an and any are as at be been but by can could did do does for from had has
have he her his how i if in into is it its may more most no not of on or our out over said she so some than that
the their them then there these they this to up was we were what when which who will with would you`;

const toSet = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

export const STOPWORDS = {
  da: toSet(DANISH),
  no: toSet(NORWEGIAN),
  en: toSet(ENGLISH),
} as const;

/** Stop words of all three languages: queries do not know their language. */
export const ALL_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS.da, ...STOPWORDS.no, ...STOPWORDS.en]);

export function isStopword(foldedToken: string): boolean {
  return ALL_STOPWORDS.has(foldedToken);
}
