export interface SpokenParagraph {
  text: string;
  speaker: string | null;
}

// "Q:", "A:", "Geng Shuang:", "Reuters:", "South China Morning Post:", "Hubei Radio & TV:": up to six
// words, each capitalised or a joining word, then a colon. A sentence never starts like that.
const LABEL =
  /^(\p{Lu}[\p{L}\p{N}.'’-]*(?:\s+(?:[\p{Lu}&][\p{L}\p{N}.'’&-]*|of|the|and|de|du|des|la|le|for)){0,5})\s*[:：]\s*/u;
const QUESTION = /^(?:Q|Question)$/i;
const ANSWER = /^(?:A|Answer)$/i;
// Labels that mean "the journalist who asked last".
const SAME_QUESTIONER = /^(?:follow-up|follow up|journalist|reporter)$/i;

const labelOf = (line: string): string | null => LABEL.exec(line)?.[1] ?? null;

/** Paragraphs split where a speaker's turn starts on a new line inside one paragraph. */
const splitTurns = (paragraphs: string[]): string[] =>
  paragraphs.flatMap((paragraph) => {
    const turns: string[] = [];
    for (const line of paragraph.split('\n')) {
      const last = turns.length - 1;
      if (last < 0 || labelOf(line.trim()) !== null) turns.push(line.trim());
      else turns[last] = `${turns[last]} ${line.trim()}`;
    }
    return turns;
  });

/** Without a name from the title, the one who answers is the label heard most often, if clearly so. */
function likelyAnswerer(labels: string[]): string | null {
  const counts = new Map<string, number>();
  for (const label of labels) {
    if (QUESTION.test(label) || ANSWER.test(label) || SAME_QUESTIONER.test(label)) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return first && first[1] >= 2 && first[1] > (second?.[1] ?? 0) ? first[0] : null;
}

/** The speaker of a question whose outlet the transcript does not name, and of an answer whose spokesperson it does not name. */
export const UNNAMED_QUESTIONER = 'Q';
export const UNNAMED_ANSWERER = 'A';

/**
 * Who speaks in each paragraph of a press-conference transcript, with the "Name:" label
 * taken off the text (the speaker field carries it; left in, an outlet such as "The
 * Australian:" or "China Daily:" would read as a mention of a country).
 *
 * - answers ("A:", "Answer:" or the spokesperson's own name) are the spokesperson's, by name when known;
 * - questions are the outlet's ("Reuters:"), or "Q" when the transcript names none ("Q:", "Question:");
 * - "Follow-up:" and "Journalist:" are the journalist who asked last;
 * - an unlabelled paragraph continues the turn before it; opening remarks are the spokesperson's.
 *
 * Text that is not a transcript (no "Q:", "A:" or spokesperson label) keeps `speaker: null`.
 */
export function attributeSpeakers(paragraphs: string[], spokesperson: string | null): SpokenParagraph[] {
  const labels = paragraphs.flatMap((p) => p.split('\n').map((line) => labelOf(line.trim()))).filter((l) => l !== null);
  const answerer = spokesperson ?? likelyAnswerer(labels);
  const isTranscript = labels.some((label) => QUESTION.test(label) || ANSWER.test(label) || label === answerer);
  if (!isTranscript) return paragraphs.map((text) => ({ text, speaker: null }));

  const result: SpokenParagraph[] = [];
  let speaker: string | null = answerer;
  let questioner = UNNAMED_QUESTIONER;
  for (const turn of splitTurns(paragraphs)) {
    const label = labelOf(turn);
    if (label !== null && (ANSWER.test(label) || label === answerer)) speaker = answerer ?? UNNAMED_ANSWERER;
    else if (label !== null && SAME_QUESTIONER.test(label)) speaker = questioner;
    else if (label !== null) speaker = questioner = QUESTION.test(label) ? UNNAMED_QUESTIONER : label;
    const text = label === null ? turn : turn.replace(LABEL, '');
    if (text) result.push({ text, speaker });
  }
  return result;
}
