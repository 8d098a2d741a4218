import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';

/**
 * A backup is one tar file: a manifest, the database (SQLite's online backup or a `pg_dump` custom-format
 * dump) and the data folder's files under `data/` — the visit store, evidence attachments, export files,
 * import uploads and error reports, which live beside the database and not in it (docs/decisions/005,
 * 014). The database is written first and the files after: a row names a file only once the file is
 * written, so every file the backed-up database names is in the backup.
 */
export type BackupManifest = {
  format: 1;
  database: 'sqlite' | 'postgresql';
  createdAt: string;
  /** The data folder's top-level entries in the backup (under `data/`). */
  entries: string[];
};

const manifestName = 'saolei-backup.json';
const databaseName = 'database';
const filesPrefix = 'data';
/**
 * Files of the data folder left out: the visit store's lock names the pid of an import running here, which
 * on the restored machine may be another, live process's.
 */
const transient = new Set(['visits/lock']);

/** What a file given to `restore` is, by its first bytes. */
export type BackupKind = 'archive' | 'sqlite' | 'postgresql' | 'unknown';

export function backupKind(file: string): BackupKind {
  const handle = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const read = fs.readSync(handle, head, 0, head.length, 0);
    const text = head.subarray(0, read).toString('latin1');
    if (text.startsWith('SQLite format 3')) {
      return 'sqlite';
    }
    if (text.startsWith('PGDMP')) {
      return 'postgresql';
    }
    // A POSIX tar header: "ustar" at offset 257.
    return text.slice(257, 262) === 'ustar' ? 'archive' : 'unknown';
  } finally {
    fs.closeSync(handle);
  }
}

/**
 * The data folder's top-level entries a backup takes: all but the SQLite database's own files (backed
 * up through SQLite) and hidden ones (a restore's staging folder).
 */
export function dataEntries(dataDir: string, sqliteName: string): string[] {
  if (!fs.existsSync(dataDir)) {
    return [];
  }
  return fs
    .readdirSync(dataDir)
    .filter((name) => !name.startsWith('.') && name !== sqliteName && !name.startsWith(`${sqliteName}-`))
    .sort();
}

/**
 * Writes the backup: the manifest and the database file from `staging` (where the caller dumped it), then
 * the data folder's entries.
 */
export async function writeBackup(
  target: string,
  staging: string,
  database: BackupManifest['database'],
  dataDir: string,
  entries: string[],
): Promise<BackupManifest> {
  const manifest: BackupManifest = { format: 1, database, createdAt: new Date().toISOString(), entries };
  fs.writeFileSync(path.join(staging, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  const partial = `${target}.partial`;
  await tar.create({ file: partial, cwd: staging, portable: true }, [manifestName, databaseName]);
  if (entries.length > 0) {
    await tar.replace(
      {
        file: partial,
        cwd: dataDir,
        prefix: filesPrefix,
        portable: true,
        filter: (name) => !transient.has(name.split(path.sep).join('/')),
      },
      entries,
    );
  }
  // Renamed into place once whole: an interrupted backup never leaves a file that looks like one.
  fs.renameSync(partial, target);
  return manifest;
}

/** Where the caller dumps the database before `writeBackup`. */
export function databaseFileIn(staging: string): string {
  return path.join(staging, databaseName);
}

export class BackupError extends Error {}

/** The manifest of a backup archive, read without unpacking the rest. */
export async function readManifest(file: string): Promise<BackupManifest> {
  let text: string | undefined;
  await tar.list({
    file,
    filter: (entry) => entry === manifestName,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => (text = Buffer.concat(chunks).toString('utf8')));
    },
  });
  if (text === undefined) {
    throw new BackupError(`${file} is a tar file but not a saolei backup (no ${manifestName})`);
  }
  const manifest = JSON.parse(text) as Partial<BackupManifest>;
  if (
    manifest.format !== 1 ||
    (manifest.database !== 'sqlite' && manifest.database !== 'postgresql') ||
    !Array.isArray(manifest.entries)
  ) {
    throw new BackupError(`${file}: unknown backup format`);
  }
  return manifest as BackupManifest;
}

/**
 * Unpacks the archive into `staging` (a folder on the data folder's file system, so that its files can be
 * moved into place): the database file is `databaseFileIn(staging)`, the data folder's entries are under
 * `staging/data`.
 */
export async function unpackBackup(file: string, staging: string): Promise<void> {
  await tar.extract({ file, cwd: staging, strict: true });
}

/** Moves the unpacked data folder's entries into the data folder, which has none of them. */
export function moveDataEntries(staging: string, dataDir: string, entries: readonly string[]): void {
  for (const entry of entries) {
    const to = path.join(dataDir, entry);
    if (fs.existsSync(to)) {
      // Only an empty folder is there (checked before): replaced.
      fs.rmdirSync(to);
    }
    fs.renameSync(path.join(staging, filesPrefix, entry), to);
  }
}

/** The entries of the data folder that a restore would overwrite: present and not empty folders. */
export function occupiedEntries(dataDir: string, entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    const at = path.join(dataDir, entry);
    if (!fs.existsSync(at)) {
      return false;
    }
    return !fs.statSync(at).isDirectory() || fs.readdirSync(at).length > 0;
  });
}
