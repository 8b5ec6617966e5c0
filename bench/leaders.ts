// World leaders and ministers the synthetic corpus writes about, most prominent first: the
// generator draws them with Zipf weights by this order, so "Putin" is everywhere and a Nordic
// foreign minister is rare, as in real Danish and Norwegian news.

export interface Leader {
  /** As first mentioned: "Vladimir Putin". */
  readonly full: string;
  /** As mentioned again: "Putin". */
  readonly short: string;
}

const LIST = `
Vladimir Putin|Putin
Donald Trump|Trump
Joe Biden|Biden
Volodymyr Zelenskyj|Zelenskyj
Xi Jinping|Xi
Emmanuel Macron|Macron
Angela Merkel|Merkel
Sergej Lavrov|Lavrov
Recep Tayyip Erdoğan|Erdoğan
Mette Frederiksen|Frederiksen
Jonas Gahr Støre|Støre
Boris Johnson|Johnson
Olaf Scholz|Scholz
Jens Stoltenberg|Stoltenberg
Kim Jong-un|Kim
Benjamin Netanyahu|Netanyahu
Barack Obama|Obama
Erna Solberg|Solberg
Antony Blinken|Blinken
Theresa May|May
Mike Pompeo|Pompeo
Narendra Modi|Modi
Ursula von der Leyen|von der Leyen
Keir Starmer|Starmer
Viktor Orbán|Orbán
Lars Løkke Rasmussen|Løkke
Giorgia Meloni|Meloni
Justin Trudeau|Trudeau
Bashar al-Assad|Assad
Mohammed bin Salman|bin Salman
Rishi Sunak|Sunak
Kamala Harris|Harris
Marco Rubio|Rubio
Dmitrij Medvedev|Medvedev
Aleksandr Lukasjenko|Lukasjenko
Shinzo Abe|Abe
Fumio Kishida|Kishida
Moon Jae-in|Moon
Mark Rutte|Rutte
Ulf Kristersson|Kristersson
Sanna Marin|Marin
Alexander Stubb|Stubb
Sauli Niinistö|Niinistö
Andrzej Duda|Duda
Donald Tusk|Tusk
Pedro Sánchez|Sánchez
Nicolás Maduro|Maduro
Luiz Inácio Lula da Silva|Lula
Jair Bolsonaro|Bolsonaro
Cyril Ramaphosa|Ramaphosa
Hassan Rouhani|Rouhani
Ali Khamenei|Khamenei
Mahmoud Abbas|Abbas
Abiy Ahmed|Abiy
Jeppe Kofod|Kofod
Anniken Huitfeldt|Huitfeldt
Espen Barth Eide|Barth Eide
Ine Eriksen Søreide|Søreide
Annalena Baerbock|Baerbock
Anders Fogh Rasmussen|Fogh
Lloyd Austin|Austin
Jake Sullivan|Sullivan
Steve Witkoff|Witkoff
Jurij Usjakov|Usjakov
Wang Yi|Wang
`;

export const LEADERS: readonly Leader[] = LIST.trim()
  .split('\n')
  .map((line) => {
    const [full, short] = line.split('|');
    return { full: full!, short: short! };
  });

/** Genitive as Danish and Norwegian write it: "Putins", "Macrons"; names ending in s take an apostrophe. */
export function genitive(name: string): string {
  return /[sxz]$/.test(name) ? `${name}'` : `${name}s`;
}
