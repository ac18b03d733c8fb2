/**
 * "Mente du …?": the known name nearest to one a user typed, allowing for case, æ ø å written ae oe aa, spaces and
 * punctuation, and a small typo (edit distance at most a quarter of the name, and at most 3; none in a code of digits).
 */

const normaliser = (s: string) =>
  s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/[^\p{L}\p{N}]/gu, '');

/** Levenshtein distance, or `graense + 1` as soon as it is certain to exceed `graense` (names are short; bounded). */
function afstand(a: string, b: string, graense: number): number {
  if (Math.abs(a.length - b.length) > graense || a.length > 200 || b.length > 200) return graense + 1;
  let forrige = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const raekke = [i];
    for (let j = 1; j <= b.length; j++) {
      raekke[j] = Math.min(forrige[j]! + 1, raekke[j - 1]! + 1, forrige[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...raekke) > graense) return graense + 1;
    forrige = raekke;
  }
  return forrige[b.length]!;
}

/** The known name nearest to `navn`, or null when none is near enough (or `navn` is itself known). */
export function naermeste(navn: string, kendte: Iterable<string>): string | null {
  const n = normaliser(navn);
  // A code of digits (a politikområde nr, `2,1` for `2.1`) is only matched as written differently, never by a typo.
  const graense = /^\d+$/.test(n) ? 0 : Math.min(3, Math.max(1, Math.floor(n.length / 4)));
  let bedst: { navn: string; afstand: number } | null = null;
  for (const k of kendte) {
    if (k === navn) return null;
    const d = afstand(n, normaliser(k), graense);
    if (d <= graense && (bedst === null || d < bedst.afstand)) bedst = { navn: k, afstand: d };
  }
  return bedst?.navn ?? null;
}

/** ` (mente du "Kontanthjælp"?)` for a near miss, else the empty string: appended to a message about an unknown name.
 */
export function menteDu(navn: string, kendte: Iterable<string>): string {
  const forslag = naermeste(navn, kendte);
  return forslag === null ? '' : ` (mente du "${forslag}"?)`;
}
