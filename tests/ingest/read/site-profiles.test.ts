import { describe, expect, it } from 'vitest';
import { SiteProfile, profileForUrl, siteProfiles } from '../../../ingest/read/site-profiles.js';

describe('site profiles', () => {
  it('are all valid data files with distinct names', () => {
    expect(siteProfiles.map((profile) => profile.name).sort()).toEqual(['fmprc', 'mfa-belarus', 'whitehouse']);
  });

  it('refuse a profile whose pattern is not a regular expression', () => {
    const broken = { name: 'x', urls: ['^https://example.org/('], issuer: 'X', ministry: 'X', language: 'en' };
    expect(SiteProfile.safeParse(broken).success).toBe(false);
  });

  it.each([
    ['https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/s2510_665401/2511_665403/t1558711.shtml', 'fmprc'],
    ['http://fmprc.gov.cn/mfa_eng/wjdt_665385/', 'fmprc'],
    ['https://mfa.gov.by/en/press/statements/a/', 'mfa-belarus'],
    ['https://www.whitehouse.gov/briefing-room/statements-releases/2025/01/01/x/', 'whitehouse'],
    ['https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2021/02/10/x/', 'whitehouse'],
    // The profiles describe the English sites; other languages differ in layout and language.
    ['https://www.fmprc.gov.cn/web/wjdt_674879/', null],
    ['https://mfa.gov.by/press/statements/', null],
    ['https://example.org/fmprc.gov.cn/mfa_eng/', null],
  ])('%s → %s', (url, name) => {
    expect(profileForUrl(url)?.name ?? null).toBe(name);
  });
});
