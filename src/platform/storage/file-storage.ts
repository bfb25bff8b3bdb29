import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files live. Keys are made here, at random, and never from anything a person sent
 * (file names are kept only as display text by the caller), so a key cannot name another file.
 * Local disk by default; an S3-compatible store implements the same three calls.
 */
export interface FileStorage {
  /** Stores the bytes and returns their new key. A stream that fails leaves nothing behind. */
  put(content: Readable | Buffer): Promise<string>;
  /** The stored bytes, or undefined when there is no such key. */
  get(key: string): Promise<Readable | undefined>;
  /** Removes the file; deleting what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** What every key looks like: 32 hex characters. Anything else is refused before touching the disk. */
const KEY_PATTERN = /^[a-f0-9]{32}$/;

export const isStorageKey = (key: string): boolean => KEY_PATTERN.test(key);

/**
 * Files on local disk under one folder, spread over 256 subfolders by the key's first two
 * characters so no folder grows to hold every upload of a national network.
 */
export function localDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const pathOf = (key: string): string => {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    return path.join(base, key.slice(0, 2), key);
  };
  return {
    async put(content) {
      const key = randomBytes(16).toString('hex');
      const file = pathOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      // Written under a temporary name and renamed when complete, so a reader never sees half a file.
      const partial = `${file}.part`;
      try {
        await pipeline(Buffer.isBuffer(content) ? Readable.from([content]) : content, fs.createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
        await fsp.rename(partial, file);
      } catch (err) {
        await fsp.rm(partial, { force: true });
        throw err;
      }
      return key;
    },
    async get(key) {
      if (!isStorageKey(key)) return undefined;
      try {
        const handle = await fsp.open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      if (!isStorageKey(key)) return;
      await fsp.rm(pathOf(key), { force: true });
    },
  };
}

const stores = new Map<string, FileStorage>();

/** The storage for a configured uploads folder (one per folder, shared by the modules that upload). */
export function storageFor(config: { uploadsDir: string }): FileStorage {
  let store = stores.get(config.uploadsDir);
  if (!store) stores.set(config.uploadsDir, (store = localDiskStorage(config.uploadsDir)));
  return store;
}
