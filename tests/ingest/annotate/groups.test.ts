import { describe, expect, it } from 'vitest';
import { findGroups, resolveGroup } from '../../../ingest/annotate/groups.js';

describe('findGroups', () => {
  // Sentences from the seed statement, White House readouts and Chinese MFA press conferences.
  it.each([
    {
      text: 'The spokesperson added that the TTP/Fitnah al-Hind and BLA/Fitnah al-Ahrar are open enemies of Pakistan and its citizens',
      groups: ['TTP', 'BLA'],
    },
    {
      text: 'the Taliban government seeks only to prolong a temporary ceasefire and is reluctant to take concrete, verifiable steps against the TTP/Fitnah al-Hind and BLA/Fitnah al-Ahrar.',
      groups: ['Taliban', 'TTP', 'BLA'],
    },
    {
      text: 'efforts to support Israel’s defense against all threats from Iran, including its proxy terrorist groups Hamas, Hezbollah, and the Houthis',
      groups: ['Hamas', 'Hezbollah', 'Houthis'],
    },
    { text: 'Q: There are reports that a US-Taliban agreement is imminent and that China could attend the signing ceremony.', groups: ['Taliban'] },
    {
      text: 'the very successful collaboration of the past 10 years between Iraq and the Defeat ISIS coalition.',
      groups: ['ISIS'],
    },
  ])('$text', ({ text, groups }) => {
    expect(findGroups(text)).toEqual(groups);
  });

  it.each([
    { why: 'Tehrik-i-Taliban Pakistan is TTP, not also the Taliban', text: 'Tehrik-i-Taliban Pakistan', groups: ['TTP'] },
    { why: 'the Pakistani Taliban are TTP', text: 'the Pakistani Taliban and the Afghan Taliban', groups: ['TTP', 'Taliban'] },
    { why: 'spellings and hyphens vary', text: 'Tehreek-e-Taliban Pakistan', groups: ['TTP'] },
    { why: 'an acronym with its alias is one mention', text: 'TTP/Fitnah al-Hind', groups: ['TTP'] },
    { why: 'a lower-case alias opens a sentence with a capital', text: 'Al-Qaeda and al Qaida', groups: ['al-Qaeda'] },
    { why: 'a longer name wins over the group it contains', text: 'al-Qaeda in the Arabian Peninsula and Kataib Hezbollah', groups: ['AQAP', "Kata'ib Hezbollah"] },
    { why: 'ISIS-K is not ISIS', text: 'ISIS-K and the Islamic State Khorasan Province', groups: ['ISIS-K'] },
    { why: 'Pashtun is an ethnic group', text: 'attempts by the Taliban to promote Pashtun nationalism', groups: ['Taliban'] },
    { why: 'lower-case words are not names', text: 'hamas and the taliban', groups: [] },
    // UN General Debate: a lower-case alias and one with a typographic apostrophe, among prose whose tokens a first-token filter skips.
    {
      why: 'lower-case and apostrophe aliases in a list',
      text: 'threats posed by terrorist groups such as the Houthis, Da’esh, al-Qaeda and the Muslim Brotherhood',
      groups: ['Houthis', 'ISIS', 'al-Qaeda', 'Muslim Brotherhood'],
    },
  ])('$why', ({ text, groups }) => {
    expect(findGroups(text)).toEqual(groups);
  });
});

describe('resolveGroup', () => {
  it.each([
    ['TTP', 'TTP'],
    ['ttp', 'TTP'],
    ['Tehrik-i-Taliban Pakistan', 'TTP'],
    ['tehreek-e-taliban pakistan', 'TTP'],
    ['Fitnah al-Hind', 'TTP'],
    ['fitnah al-ahrar', 'BLA'],
    ['Balochistan Liberation Army', 'BLA'],
    ['taliban', 'Taliban'],
    ['Afghan Taliban', 'Taliban'],
    ['Daesh', 'ISIS'],
    ['ansar allah', 'Houthis'],
    ['Al Qaeda', 'al-Qaeda'],
  ])('%s -> %s', (input, label) => {
    expect(resolveGroup(input)).toBe(label);
  });

  it.each(['', 'Pashtun', 'Foreign Office'])('%j is no group', (input) => {
    expect(resolveGroup(input)).toBeNull();
  });
});
