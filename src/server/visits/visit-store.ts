import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { rowWords, tierCount, type VisitClusters } from '../../core/colocation/clusters.ts';
import { IdDictionary } from '../../core/colocation/id-dictionary.ts';
import type { VisitColumns } from '../../core/colocation/types.ts';

/**
 * The visit store (docs/decisions/005-visit-store.md): immutable columnar segments (Int32 person, place and
 * cell dense ids, Float64 start and end in unix seconds, little-endian) plus append-only id dictionaries
 * (one external id per line), all named by `manifest.json`. The manifest is the only thing ever replaced,
 * by an atomic rename: whatever a crash leaves beyond it (segment files it does not name, dictionary lines
 * past its lengths) is ignored by readers and removed by the next writer.
 *
 * Each segment is also stored clustered by place and by cell (docs/decisions/009), written before the
 * manifest that names it: the engine probes those files instead of clustering or scanning the log. A
 * segment imported before clusters were stored has none, and is clustered in memory when needed.
 */

export const dictionaryKinds = ['person', 'place', 'cell'] as const;
export type DictionaryKind = (typeof dictionaryKinds)[number];

/** What a segment's cluster files need besides their bytes (see VisitClusters). */
const clusterMetaSchema = z.object({
  keys: z.number().int().nonnegative(),
  origin: z.number(),
  perSlot: z.number().positive(),
  slots: z.number().int().positive(),
  rows: z.number().int().nonnegative(),
});
export type ClusterMeta = z.infer<typeof clusterMetaSchema>;

export const clusterKeys = ['place', 'cell'] as const;
export type ClusterKey = (typeof clusterKeys)[number];

const manifestSchema = z.object({
  format: z.literal(1),
  segments: z.array(
    z.object({
      name: z.string(),
      rows: z.number().int().nonnegative(),
      cells: z.boolean(),
      clusters: z.object({ place: clusterMetaSchema, cell: clusterMetaSchema.optional() }).optional(),
    }),
  ),
  dictionaries: z.object({
    person: z.object({ entries: z.number().int(), bytes: z.number().int() }),
    place: z.object({ entries: z.number().int(), bytes: z.number().int() }),
    cell: z.object({ entries: z.number().int(), bytes: z.number().int() }),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

const emptyManifest: Manifest = {
  format: 1,
  segments: [],
  dictionaries: {
    person: { entries: 0, bytes: 0 },
    place: { entries: 0, bytes: 0 },
    cell: { entries: 0, bytes: 0 },
  },
};

export const columnFiles = [
  ['person', 4],
  ['place', 4],
  ['cell', 4],
  ['start', 8],
  ['end', 8],
] as const;

export function storeDir(dataDir: string): string {
  return path.join(dataDir, 'visits');
}

function dictionaryFile(dir: string, kind: DictionaryKind): string {
  return path.join(dir, `${kind}.ids`);
}

export function segmentFile(dir: string, segment: string, column: string): string {
  return path.join(dir, `${segment}.${column}`);
}

/** The files of a segment's clustering by one key: the rows, the run offsets, the runs' longest visits. */
const clusterParts = ['rows', 'offsets', 'longest'] as const;

function clusterFile(
  dir: string,
  segment: string,
  key: ClusterKey,
  part: (typeof clusterParts)[number],
): string {
  return path.join(dir, `${segment}.by-${key}.${part}`);
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) {
    return emptyManifest;
  }
  return manifestSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function rowCount(manifest: Manifest): number {
  return manifest.segments.reduce((sum, s) => sum + s.rows, 0);
}

/** A dictionary line: the id itself, or JSON text when the id could be mistaken for a line break or JSON. */
export function encodeLabel(label: string): string {
  return /[\r\n]/.test(label) || label.startsWith('"') ? JSON.stringify(label) : label;
}

function decodeLabel(line: string): string {
  if (!line.startsWith('"')) {
    return line;
  }
  const parsed: unknown = JSON.parse(line);
  return typeof parsed === 'string' ? parsed : line;
}

/** The committed labels of one dictionary, in dense-id order. */
export function readLabels(dir: string, manifest: Manifest, kind: DictionaryKind): string[] {
  const { entries, bytes } = manifest.dictionaries[kind];
  if (entries === 0) {
    return [];
  }
  const fd = fs.openSync(dictionaryFile(dir, kind), 'r');
  try {
    const buffer = Buffer.allocUnsafe(bytes);
    fs.readSync(fd, buffer, 0, bytes, 0);
    const lines = buffer.toString('utf8').split('\n');
    lines.pop();
    return lines.map(decodeLabel);
  } finally {
    fs.closeSync(fd);
  }
}

/** A dictionary holding the committed ids with their committed dense ids, ready to take new ones. */
export function loadDictionary(dir: string, manifest: Manifest, kind: DictionaryKind): IdDictionary {
  const dictionary = new IdDictionary();
  for (const label of readLabels(dir, manifest, kind)) {
    dictionary.text(label);
  }
  return dictionary;
}

/**
 * Removes what an interrupted import left: dictionary bytes past the manifest's lengths and files the
 * manifest does not name. Only the holder of the store lock may call this.
 */
export function recoverStore(dir: string): Manifest {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir);
  for (const kind of dictionaryKinds) {
    const file = dictionaryFile(dir, kind);
    if (fs.existsSync(file) && fs.statSync(file).size > manifest.dictionaries[kind].bytes) {
      fs.truncateSync(file, manifest.dictionaries[kind].bytes);
    }
  }
  const named = new Set(['manifest.json', 'lock']);
  for (const kind of dictionaryKinds) {
    named.add(path.basename(dictionaryFile(dir, kind)));
  }
  for (const segment of manifest.segments) {
    for (const [column] of columnFiles) {
      named.add(`${segment.name}.${column}`);
    }
    for (const key of clusterKeys) {
      if (segment.clusters?.[key]) {
        for (const part of clusterParts) {
          named.add(path.basename(clusterFile(dir, segment.name, key, part)));
        }
      }
    }
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && !named.has(entry.name)) {
      fs.rmSync(path.join(dir, entry.name), { force: true });
    }
  }
  return manifest;
}

/** The whole committed log as engine columns (one read per segment column, straight into the arrays). */
export function loadVisitColumns(dir: string, manifest: Manifest = readManifest(dir)): VisitColumns {
  const total = rowCount(manifest);
  const columns = {
    person: new Int32Array(total),
    place: new Int32Array(total),
    cell: new Int32Array(total),
    start: new Float64Array(total),
    end: new Float64Array(total),
  };
  let offset = 0;
  let anyCell = false;
  for (const segment of manifest.segments) {
    for (const [column, width] of columnFiles) {
      const target = columns[column];
      if (column === 'cell' && !segment.cells) {
        target.fill(-1, offset, offset + segment.rows);
        continue;
      }
      const bytes = new Uint8Array(target.buffer, offset * width, segment.rows * width);
      readFully(segmentFile(dir, segment.name, column), bytes);
    }
    anyCell ||= segment.cells;
    offset += segment.rows;
  }
  return {
    length: total,
    person: columns.person,
    place: columns.place,
    cell: anyCell ? columns.cell : undefined,
    start: columns.start,
    end: columns.end,
  };
}

/** Writes a segment's clustering by one key (durably, before the manifest naming it is committed). */
export function writeSegmentClusters(
  dir: string,
  segment: string,
  key: ClusterKey,
  clusters: VisitClusters,
): ClusterMeta {
  const rows = clusters.offsets[clusters.offsets.length - 1] ?? 0;
  const bytes = (array: Int32Array | Float64Array, length: number) =>
    new Uint8Array(array.buffer, array.byteOffset, length * array.BYTES_PER_ELEMENT);
  writeDurably(clusterFile(dir, segment, key, 'rows'), bytes(clusters.words, rows * rowWords), 'w');
  writeDurably(
    clusterFile(dir, segment, key, 'offsets'),
    bytes(clusters.offsets, clusters.offsets.length),
    'w',
  );
  writeDurably(
    clusterFile(dir, segment, key, 'longest'),
    bytes(clusters.maxDuration, clusters.maxDuration.length),
    'w',
  );
  const { keys, origin, perSlot, slots } = clusters;
  return { keys, origin, perSlot, slots, rows };
}

/**
 * Every segment's clustering by `key`, in log order, for the engine's `clusters` option; undefined when a
 * segment has none (imported before clusters were stored, or without cells).
 */
export function loadSegmentClusters(
  dir: string,
  manifest: Manifest,
  key: ClusterKey,
): VisitClusters[] | undefined {
  const parts: VisitClusters[] = [];
  for (const segment of manifest.segments) {
    const meta = segment.clusters?.[key];
    if (!meta) {
      return undefined;
    }
    const runs = meta.keys * tierCount;
    const buffer = new ArrayBuffer(meta.rows * rowWords * 4);
    readFully(clusterFile(dir, segment.name, key, 'rows'), new Uint8Array(buffer));
    const offsets = new Int32Array(runs + 1);
    readFully(clusterFile(dir, segment.name, key, 'offsets'), new Uint8Array(offsets.buffer));
    const maxDuration = new Float64Array(runs);
    readFully(clusterFile(dir, segment.name, key, 'longest'), new Uint8Array(maxDuration.buffer));
    parts.push({
      sourceLength: segment.rows,
      keys: meta.keys,
      offsets,
      maxDuration,
      origin: meta.origin,
      perSlot: meta.perSlot,
      slots: meta.slots,
      words: new Int32Array(buffer),
      times: new Float64Array(buffer),
    });
  }
  return parts;
}

function readFully(file: string, into: Uint8Array): void {
  const fd = fs.openSync(file, 'r');
  try {
    let done = 0;
    while (done < into.length) {
      const read = fs.readSync(fd, into, done, into.length - done, done);
      if (read === 0) {
        throw new Error(`visit store: ${path.basename(file)} is shorter than the manifest says`);
      }
      done += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes bytes with one write call (looping only if the kernel takes fewer bytes), then fsyncs. */
export function writeDurably(file: string, bytes: Uint8Array, flag: 'w' | 'a'): void {
  const fd = fs.openSync(file, flag);
  try {
    let done = 0;
    while (done < bytes.length) {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces the manifest atomically: temporary file, fsync, rename, fsync of the folder. */
export function commitManifest(dir: string, manifest: Manifest): void {
  const temporary = path.join(dir, 'manifest.json.tmp');
  writeDurably(temporary, Buffer.from(JSON.stringify(manifest)), 'w');
  fs.renameSync(temporary, path.join(dir, 'manifest.json'));
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends the ids a new segment introduced (dense ids from `from` on) to a dictionary file. */
export function appendDictionaryTail(
  dir: string,
  kind: DictionaryKind,
  dictionary: IdDictionary,
  from: number,
): { entries: number; appendedBytes: number } {
  const lines: string[] = [];
  for (let id = from; id < dictionary.size; id++) {
    lines.push(`${encodeLabel(dictionary.label(id))}\n`);
  }
  const bytes = Buffer.from(lines.join(''), 'utf8');
  if (bytes.length > 0) {
    writeDurably(dictionaryFile(dir, kind), bytes, 'a');
  }
  return { entries: dictionary.size, appendedBytes: bytes.length };
}
