/** Ordinal words and their values: "first" is 1, "twentieth" 20; "inaugural" is a first. */
export const ORDINALS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth'
      .split(' ')
      .map((word, i) => [word, i + 1]),
  ),
  inaugural: 1,
};

/** An ordinal as a regular expression source: a word above, or "3rd", "15th". */
export const ORD = `(?:${Object.keys(ORDINALS).join('|')}|\\d{1,3}(?:st|nd|rd|th))`;

/** Cardinal words, "one" to "ten", in order. */
export const CARDINALS: readonly string[] = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** The value of an ordinal matched by `ORD`: "third" and "3rd" are 3. */
export function ordinalValue(word: string): number {
  return ORDINALS[word.toLowerCase()] ?? Number.parseInt(word, 10);
}
