/**
 * Every file the command writes (the graded table, the report, the outbox's messages, suggested
 * rules, a starting rules file) is written under a temporary name beside its target and renamed
 * into place only when all of them were written whole; when any one fails, every temporary file
 * and every folder made for them is removed. A full disk half-way through the outbox leaves the
 * folder as it was, not a graded file with half its messages.
 */
import { open, rename, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { makeFolder } from "./makeFolder";

/** Where bytes go, one piece after another. */
export interface FileSink {
  write(piece: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The file system calls the outputs need; tests pass one that fails (a full disk, a refusal). */
export interface OutputFs {
  create(path: string): Promise<FileSink>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  makeFolder(path: string): Promise<string[]>;
  removeFolder(path: string): Promise<void>;
}

export const nodeOutputFs: OutputFs = {
  async create(path) {
    // "wx": a temporary name that somehow exists is never written through.
    const file = await open(path, "wx");
    return {
      write: async (piece) => {
        // A write may take fewer bytes than it was given (a disk filling up): the rest follows,
        // and the next write says why it cannot.
        let bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        while (bytes.length > 0) {
          const { bytesWritten } = await file.write(bytes);
          bytes = bytes.subarray(bytesWritten);
        }
      },
      close: () => file.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  makeFolder,
  removeFolder: (path) => rmdir(path),
};

/** A file system error names the file the user asked for, not its temporary name. */
function naming(error: unknown, path: string): unknown {
  if (error && typeof error === "object" && "code" in error) return Object.assign(error, { path });
  return error;
}

export class StagedFiles {
  private readonly staged: { temporary: string; path: string }[] = [];
  private readonly folders: string[] = [];
  private count = 0;

  constructor(readonly fs: OutputFs = nodeOutputFs) {}

  /** Makes the folder (and those above it) where missing; they go again if the outputs fail. */
  async folder(path: string): Promise<void> {
    try {
      this.folders.push(...(await this.fs.makeFolder(path)));
    } catch (error) {
      throw naming(error, path);
    }
  }

  /** Writes `path` through `fill`, under a temporary name until {@link commit}. */
  async write(path: string, fill: (sink: FileSink) => Promise<void>): Promise<void> {
    await this.folder(dirname(path));
    // A short name of its own: the target's name and more could pass the 255 bytes a name may hold.
    const temporary = join(dirname(path), `.leadgrade-${process.pid}-${this.count++}.partial`);
    this.staged.push({ temporary, path });
    let sink: FileSink | undefined;
    try {
      sink = await this.fs.create(temporary);
      await fill(sink);
    } catch (error) {
      await sink?.close().catch(() => {});
      throw naming(error, path);
    }
    try {
      await sink.close();
    } catch (error) {
      throw naming(error, path);
    }
  }

  async writeText(path: string, text: string | Uint8Array): Promise<void> {
    await this.write(path, (sink) => sink.write(text));
  }

  /** Puts every file in place. */
  async commit(): Promise<string[]> {
    for (const { temporary, path } of this.staged) {
      try {
        await this.fs.rename(temporary, path);
      } catch (error) {
        throw naming(error, path);
      }
    }
    const paths = this.staged.map((s) => s.path);
    this.staged.length = 0;
    this.folders.length = 0;
    return paths;
  }

  /** Removes what was written so far, and the folders made for it (newest first). */
  async discard(): Promise<void> {
    for (const { temporary } of this.staged) await this.fs.remove(temporary).catch(() => {});
    for (const folder of [...this.folders].reverse()) await this.fs.removeFolder(folder).catch(() => {});
    this.staged.length = 0;
    this.folders.length = 0;
  }
}
