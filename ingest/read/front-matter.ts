import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../src/errors.js';

/** The front-matter keys a reader uses; others (tags, modified_time, ...) are allowed and ignored. */
export const FrontMatter = z.looseObject({
  // An unquoted title of digits is a YAML number; it is still the title.
  title: z.union([z.string(), z.number()]).transform(String).optional(),
  // A YAML 1.1 document may give an unquoted date as a timestamp.
  date: z.union([z.string(), z.date()]).optional(),
  source_url: z.url().optional(),
  url: z.url().optional(),
  issuer: z.string().optional(),
  ministry: z.string().optional(),
  language: z.string().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** A Markdown text split: its front matter (empty when it has none), the body after it, and whether it had one. */
export interface SplitMarkdown {
  meta: FrontMatter;
  body: string;
  found: boolean;
}

/**
 * Splits a leading YAML block (`---` ... `---`) from the Markdown after it and parses it with
 * the `yaml` package, so escapes in titles ("\u2019", "\_" for a no-break space) come out as
 * the characters they stand for. Messages do not name the source: whoever reports them does.
 *
 * @throws AppError INVALID_SIDECAR when the block is not valid YAML or a key has the wrong type.
 */
export function splitFrontMatter(text: string): SplitMarkdown {
  const none: SplitMarkdown = { meta: {}, body: text, found: false };
  const opening = OPENING.exec(text);
  if (!opening) return none;
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return none;
  let data: unknown;
  try {
    data = parse(rest.slice(0, closing.index)) ?? {};
  } catch (cause) {
    throw new AppError('INVALID_SIDECAR', 'the front matter is not valid YAML', { cause });
  }
  // "---", a line of prose, "---" is a rule around a paragraph, not metadata.
  if (typeof data !== 'object' || Array.isArray(data)) return none;
  const parsed = FrontMatter.safeParse(data);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `front matter${issue.path.length > 0 ? ` ${issue.path.join('.')}` : ''}: ${issue.message}`);
    throw new AppError('INVALID_SIDECAR', reasons.join('; '));
  }
  return { meta: parsed.data, body: rest.slice(closing.index + closing[0].length), found: true };
}
