// A seeded synthetic city for the co-location benchmark: visits.csv (the log) and case-visits.csv.
//   node --import tsx bench/city-gen.ts [--out DIR] [--persons N] [--places N] [--visits N] [--cases N] [--seed N]
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../src/core/colocation/random.ts';

export type CityOptions = {
  out: string;
  persons: number;
  places: number;
  visits: number;
  cases: number;
  seed: number;
};

/** Longest visit the generator writes; the SQL plans use it as their duration bound. */
export const maxVisitSeconds = 12 * 3600;
/** Seconds a venue scan without an exit time lasts, as in saolei's default dwell setting. */
export const dwellSeconds = 1800;
const days = 14;
/** 2020-01-11T00:00:00+08:00: the 14 days before the story's first case report. */
const firstDay = Date.UTC(2020, 0, 10, 16) / 1000;
/** Zipf exponent of place popularity: a few malls and hubs, a long tail of small shops. */
const zipf = 0.9;
const scanShare = 0.03;
/**
 * A case's life runs mostly through a few places of its own (home block, workplace, corner shops), drawn
 * uniformly over the city; the rest of its visits follow the city's popularity (malls, markets, hubs).
 */
const habitualPlaces = 6;
const habitualShare = 0.7;

export function generateCity(options: CityOptions): { visitRows: number; caseRows: number } {
  const random = mulberry32(options.seed);
  const int = (n: number) => Math.floor(random() * n);

  // Popularity by rank, ranks shuffled over place ids so that id order says nothing.
  const cumulative = new Float64Array(options.places);
  const placeOfRank = Int32Array.from({ length: options.places }, (_, i) => i + 1);
  for (let i = options.places - 1; i > 0; i--) {
    const j = int(i + 1);
    [placeOfRank[i], placeOfRank[j]] = [placeOfRank[j] ?? 0, placeOfRank[i] ?? 0];
  }
  let total = 0;
  for (let rank = 0; rank < options.places; rank++) {
    total += 1 / (rank + 1) ** zipf;
    cumulative[rank] = total;
  }
  const pickPlace = () => {
    const target = random() * total;
    let lo = 0;
    let hi = options.places - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return placeOfRank[lo] ?? 1;
  };
  // About three places per 800 m grid cell.
  const cells = Math.max(1, Math.ceil(options.places / 3));
  const cellOf = Int32Array.from({ length: options.places + 1 }, () => 1 + int(cells));

  // Minutes to hours: log-normal around 40 minutes, capped at 12 h; most visits in the daytime.
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const duration = () => Math.min(maxVisitSeconds, Math.max(60, Math.round(2400 * Math.exp(0.9 * normal()))));
  const visitLine = (person: number, caseId: number | undefined, place = pickPlace()) => {
    const start = firstDay + int(days) * 86400 + 7 * 3600 + int(15 * 3600);
    const end = caseId === undefined && random() < scanShare ? '' : String(start + duration());
    const head = caseId === undefined ? '' : `${caseId},`;
    return `${head}${person},${place},${cellOf[place] ?? 1},${start},${end}\n`;
  };

  mkdirSync(options.out, { recursive: true });
  const caseLines: string[] = [];
  for (let caseId = 1; caseId <= options.cases; caseId++) {
    const person = 1 + int(options.persons);
    const habitual = Array.from({ length: habitualPlaces }, () => 1 + int(options.places));
    for (let day = 0; day < days; day++) {
      const perDay = 3 + int(6);
      for (let v = 0; v < perDay; v++) {
        const place = random() < habitualShare ? habitual[int(habitualPlaces)] : undefined;
        caseLines.push(visitLine(person, caseId, place));
      }
    }
  }
  const caseFile = openSync(join(options.out, 'case-visits.csv'), 'w');
  writeSync(caseFile, `case_id,person_id,place_id,cell_id,start_ts,end_ts\n${caseLines.join('')}`);
  closeSync(caseFile);

  // The cases' own visits are in the log too, spread through it, as in real venue-scan data.
  const file = openSync(join(options.out, 'visits.csv'), 'w');
  writeSync(file, 'person_id,place_id,cell_id,start_ts,end_ts\n');
  const every = Math.max(1, Math.floor(options.visits / Math.max(caseLines.length, 1)));
  let nextCase = 0;
  let chunk: string[] = [];
  for (let row = 0; row < options.visits; row++) {
    const own = row % every === 0 ? caseLines[nextCase] : undefined;
    if (own !== undefined) {
      nextCase++;
      chunk.push(own.slice(own.indexOf(',') + 1));
    } else {
      chunk.push(visitLine(1 + int(options.persons), undefined));
    }
    if (chunk.length === 100_000) {
      writeSync(file, chunk.join(''));
      chunk = [];
    }
  }
  writeSync(file, chunk.join(''));
  closeSync(file);
  return { visitRows: options.visits, caseRows: caseLines.length };
}

export function cityOptions(args: string[]): CityOptions {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string', default: '.cache/bench/city' },
      persons: { type: 'string', default: '1000000' },
      places: { type: 'string', default: '20000' },
      visits: { type: 'string', default: '10000000' },
      cases: { type: 'string', default: '50' },
      seed: { type: 'string', default: '20200125' },
    },
  });
  const count = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`--${name} must be a positive integer`);
    }
    return n;
  };
  return {
    out: values.out,
    persons: count('persons', values.persons),
    places: count('places', values.places),
    visits: count('visits', values.visits),
    cases: count('cases', values.cases),
    seed: count('seed', values.seed),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = cityOptions(process.argv.slice(2));
  const started = performance.now();
  const { visitRows, caseRows } = generateCity(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${options.out}: ${visitRows} visits, ${caseRows} case visits in ${seconds} s\n`);
}
