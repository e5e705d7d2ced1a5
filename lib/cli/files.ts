import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportSource } from '../corpus/import-files';

/** The file argument that means standard input, as in most Unix tools. */
export const STDIN = '-';

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
};

/** "cannot read PATH: no such file" instead of Node's "ENOENT: no such file or directory, open 'PATH'". */
export function fileError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(`cannot read ${path}: ${(code && FILE_ERRORS[code]) ?? (error as Error).message}`);
}

/** The whole of a file, or of standard input for `-`. */
export async function readInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  if (path !== STDIN) return readFile(path).catch((error: unknown) => Promise.reject(fileError(path, error)));
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A file on disk (or standard input) as an ImportSource: the same shape the options page gets from a File. */
export async function fileSource(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<ImportSource> {
  if (path === STDIN) {
    return { name: 'stdin', size: 0, stream: () => Readable.toWeb(Readable.from(stdin)) as unknown as ReadableStream<Uint8Array> };
  }
  const info = await stat(path).catch((error: unknown) => Promise.reject(fileError(path, error)));
  if (!info.isFile()) throw new Error(`cannot read ${path}: not a file`);
  return {
    name: basename(path),
    size: info.size,
    stream: () => Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>,
  };
}
