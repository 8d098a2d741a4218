import { describe, expect, it } from 'vitest';
import { messages, tables } from './messages.ts';

describe('the message tables', () => {
  it('never define one key in two screens, so no screen silently relabels another', () => {
    const seen = new Map<string, number>();
    tables.forEach((table, index) => {
      for (const key of Object.keys(table.zh)) {
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, index);
      }
    });
  });

  it('give every key a non-empty text in both languages', () => {
    const zh = Object.keys(messages['zh-CN']).sort();
    expect(Object.keys(messages.en).sort()).toEqual(zh);
    for (const key of zh) {
      expect(messages['zh-CN'][key as keyof (typeof messages)['zh-CN']].trim(), key).not.toBe('');
      expect(messages.en[key as keyof (typeof messages)['en']].trim(), key).not.toBe('');
    }
  });
});
