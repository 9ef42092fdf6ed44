/**
 * Where a spreadsheet's bytes come from: a buffer (an upload, in the Lambda) or a file read piece by
 * piece (the import command on a workstation, which never holds a province's file in memory).
 */
import { open } from 'node:fs/promises';

export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The bytes in order, in pieces of at most `chunk` bytes. */
  stream(chunk?: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

export function bufferSource(buf: Uint8Array): ByteSource {
  return {
    size: buf.length,
    read: async (offset, length) => buf.subarray(offset, Math.min(buf.length, offset + length)),
    async *stream(chunk = 64 * 1024) {
      for (let i = 0; i < buf.length; i += chunk) yield buf.subarray(i, i + chunk);
    },
    close: async () => undefined,
  };
}

/** A file read with positioned reads; `startAt` skips bytes already processed (resume). */
export async function fileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      if (buf.length) await handle.read(buf, 0, buf.length, offset);
      return buf;
    },
    async *stream(chunk = 256 * 1024) {
      for (let offset = 0; offset < size; offset += chunk) {
        const buf = Buffer.alloc(Math.min(chunk, size - offset));
        await handle.read(buf, 0, buf.length, offset);
        yield buf;
      }
    },
    close: () => handle.close(),
  };
}

/**
 * A file the reader refuses, with the reason a cadre can act on (Chinese). `code` tells the caller
 * which kind of refusal it is (the route answers 400 for all of them).
 */
export class SheetError extends Error {
  constructor(
    readonly code: 'NOT_A_SPREADSHEET' | 'EMPTY' | 'TOO_LARGE' | 'FORMULA' | 'HEADERS' | 'TOO_MANY_ROWS',
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

/** Bounds on what one file may make the reader hold or inflate. */
export interface SheetLimits {
  /** Inflated bytes of any one zip entry (worksheet, shared strings): a zip bomb stops here. */
  maxEntryBytes: number;
  /** Entries in the zip's directory. */
  maxEntries: number;
  /** Shared strings held in memory, and their total characters. */
  maxSharedStrings: number;
  maxSharedChars: number;
  /** Cells in one row, characters in one cell. */
  maxColumns: number;
  maxCellChars: number;
}

export const UPLOAD_LIMITS: SheetLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
  maxSharedStrings: 150_000,
  maxSharedChars: 16 * 1024 * 1024,
  maxColumns: 64,
  maxCellChars: 1000,
};

/** The signature a ZIP archive (an .xlsx is one) starts with: PK\x03\x04, little-endian. */
export const ZIP_LOCAL_HEADER = 0x04034b50;

/** True when the bytes start like a ZIP archive. Here, not in zip.ts, so telling needs no inflater loaded. */
export const looksLikeZip = (head: Uint8Array) => head.length >= 4 && new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0, true) === ZIP_LOCAL_HEADER;
