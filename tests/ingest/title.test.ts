import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../ingest/title.js';

describe('deriveTitle', () => {
  it('takes the first sentence of a short opening', () => {
    expect(deriveTitle('Pakistan welcomes the talks. It thanks Qatar.')).toBe('Pakistan welcomes the talks.');
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const title = deriveTitle(
      'The Foreign Office has stated that during the talks, the Taliban delegation attempted to backtrack on its commitments and disrupted the atmosphere with unserious statements and accusations.',
    );
    expect(title).toBe(
      'The Foreign Office has stated that during the talks, the Taliban delegation attempted to backtrack on its commitments…',
    );
    expect(title.length).toBeLessThanOrEqual(121);
  });
});
