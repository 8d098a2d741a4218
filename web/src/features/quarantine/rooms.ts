/**
 * Room numbers as staff type them: `201-220` (a range, keeping the width: `01-12`), several on a line
 * separated by commas or spaces, or one per line. Duplicates are left for the server to name.
 */
export function parseRooms(text: string, beds: number): { number: string; beds: number }[] {
  const rooms: { number: string; beds: number }[] = [];
  for (const token of text.split(/[\s,，、]+/)) {
    if (token === '') {
      continue;
    }
    const range = /^(\d+)[-–~～](\d+)$/.exec(token);
    const from = range ? Number(range[1]) : NaN;
    const to = range ? Number(range[2]) : NaN;
    if (range && to >= from && to - from < 2000) {
      const width = range[1]?.length ?? 0;
      for (let n = from; n <= to; n++) {
        rooms.push({ number: String(n).padStart(width, '0'), beds });
      }
      continue;
    }
    rooms.push({ number: token, beds });
  }
  return rooms;
}
