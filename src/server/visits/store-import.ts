import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { clusterVisits } from '../../core/colocation/clusters.ts';
import { IdDictionary } from '../../core/colocation/id-dictionary.ts';
import { VisitHeaderError, type BadRow } from '../../core/colocation/visit-csv.ts';
import { readVisitsInHalves } from './read-in-halves.ts';
import type { ReadProgress } from './read-visit-file.ts';
import {
  appendDictionaryTail,
  columnFiles,
  commitManifest,
  dictionaryKinds,
  loadDictionary,
  recoverStore,
  segmentFile,
  writeDurably,
  writeSegmentClusters,
  type Manifest,
} from './visit-store.ts';

/** Another import holds the store (in this process or another live one). */
export class StoreBusyError extends Error {}

/** The visit file cannot be imported at all (e.g. its header lacks a required column). */
export class VisitFileError extends Error {}

/**
 * Takes the store's lock file. A lock left by a process that no longer runs (kill -9, power loss) is
 * taken over; the caller must then run recovery before anything else.
 */
export function acquireStoreLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
        throw error;
      }
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) {
        throw new StoreBusyError(`another import (process ${holder}) is writing the visit store`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new StoreBusyError('the visit store lock could not be taken');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export type StoreImportResult = { rows: number; bad: BadRow[]; segment: string | null; manifest: Manifest };

/**
 * Appends one visit file to the store as a new segment. Streams the file through the visit reader, a large
 * file on two threads (memory: the read buffers plus the new columns), writes the segment, its clusterings
 * by place and by cell (one at a time: 48 more bytes a visit while it is built) and the dictionaries' new
 * ids, fsyncs them, and only then renames a new manifest into place: until that rename the store is
 * exactly as before.
 * The caller holds the lock and has run `recoverStore`.
 */
export async function appendVisitFile(
  dir: string,
  file: string,
  options: {
    dwell?: number;
    onProgress?: ReadProgress;
    /** A file of this many bytes or more is read on two threads (default: readVisitsInHalves'). */
    minSplitBytes?: number;
  },
): Promise<StoreImportResult> {
  const manifest = recoverStore(dir);
  const dictionaries = {
    person: loadDictionary(dir, manifest, 'person'),
    place: loadDictionary(dir, manifest, 'place'),
    cell: loadDictionary(dir, manifest, 'cell'),
    caseId: new IdDictionary(),
  };
  const before = {
    person: dictionaries.person.size,
    place: dictionaries.place.size,
    cell: dictionaries.cell.size,
  };
  let read;
  try {
    read = await readVisitsInHalves(
      file,
      { kind: 'visits', dictionaries, dwell: options.dwell },
      options.onProgress,
      { minSplitBytes: options.minSplitBytes },
    );
  } catch (error) {
    if (error instanceof VisitHeaderError) {
      throw new VisitFileError(error.message);
    }
    throw error;
  }
  const { columns, bad } = read;
  const rows = columns.length;
  if (rows === 0) {
    return { rows, bad, segment: null, manifest };
  }
  const segment = `seg-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
  const cells = columns.cell !== undefined;
  for (const [column, width] of columnFiles) {
    const data = column === 'cell' ? columns.cell : columns[column];
    if (!data) {
      continue;
    }
    writeDurably(segmentFile(dir, segment, column), new Uint8Array(data.buffer, 0, rows * width), 'w');
  }
  const place = writeSegmentClusters(dir, segment, 'place', clusterVisits(columns, columns.place));
  const cell =
    columns.cell && writeSegmentClusters(dir, segment, 'cell', clusterVisits(columns, columns.cell));
  const next: Manifest = {
    format: 1,
    segments: [
      ...manifest.segments,
      { name: segment, rows, cells, clusters: { place, ...(cell ? { cell } : {}) } },
    ],
    dictionaries: { ...manifest.dictionaries },
  };
  for (const kind of dictionaryKinds) {
    const tail = appendDictionaryTail(dir, kind, dictionaries[kind], before[kind]);
    next.dictionaries[kind] = {
      entries: tail.entries,
      bytes: manifest.dictionaries[kind].bytes + tail.appendedBytes,
    };
  }
  commitManifest(dir, next);
  return { rows, bad, segment, manifest: next };
}
