import { describe, expect, it } from 'vitest';
import { parseRooms } from './rooms.ts';

describe('room numbers as typed', () => {
  it('expands ranges keeping their width, and takes lists on lines or with commas', () => {
    expect(parseRooms('201-203\n301，305 A1', 2).map((r) => r.number)).toEqual([
      '201',
      '202',
      '203',
      '301',
      '305',
      'A1',
    ]);
    expect(parseRooms('01-03', 1)).toEqual([
      { number: '01', beds: 1 },
      { number: '02', beds: 1 },
      { number: '03', beds: 1 },
    ]);
    expect(parseRooms('  ', 1)).toEqual([]);
  });
});
