/**
 * The file-system side of `dfft check --watch`: a watch on each folder (fs.watch without
 * `recursive`), never on a file. A folder's watch reports its entries by name, so a file an
 * editor saves by writing another and renaming it over the first is still seen, at every save.
 * Node 20's `recursive` watch on Linux watches each file's inode instead and loses a file once it
 * has been replaced that way; so the folders below a watched folder are found by a walk (as the
 * manifest walk goes: hidden folders, node_modules and links to folders left out), each watched,
 * and walked again at each `watch` call, which the loop makes before every run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateWatcher, PathWatcher, WatchTarget } from './watch';

/** What one folder is watched for: every entry `all` takes, and these names. */
interface FolderWish {
  all?: (name: string) => boolean;
  names: Set<string>;
}

interface Watching {
  /** The folder's device and inode: a folder removed and made again is watched afresh. */
  id: string;
  handle: fs.FSWatcher;
  wish: FolderWish;
}

/** A {@link PathWatcher} on fs.watch: see the module's comment. */
export const createFsWatcher: CreateWatcher = (onChange, onError) => new FolderWatcher(onChange, onError);

class FolderWatcher implements PathWatcher {
  private readonly folders = new Map<string, Watching>();
  private readonly reported = new Set<string>();
  private closed = false;

  constructor(
    private readonly onChange: (file: string) => void,
    private readonly onError: (message: string) => void,
  ) {}

  watch(targets: readonly WatchTarget[]): void {
    if (this.closed) return;
    const wishes = planFolders(targets);
    for (const [dir, watching] of this.folders) {
      if (wishes.has(dir)) continue;
      watching.handle.close();
      this.folders.delete(dir);
    }
    for (const [dir, wish] of wishes) this.open(dir, wish);
  }

  close(): void {
    this.closed = true;
    for (const watching of this.folders.values()) watching.handle.close();
    this.folders.clear();
  }

  private open(dir: string, wish: FolderWish): void {
    const id = identity(dir);
    const current = this.folders.get(dir);
    if (current !== undefined && current.id === id) {
      current.wish = wish;
      return;
    }
    current?.handle.close();
    this.folders.delete(dir);
    if (id === undefined) return;
    let handle: fs.FSWatcher;
    try {
      handle = fs.watch(dir, { persistent: true }, (_event, name) => this.onEvent(dir, name));
    } catch (err) {
      this.report(dir, err);
      return;
    }
    handle.on('error', () => {
      // The folder went away (some systems say so by an error): the next run's plan finds what is there.
      handle.close();
      if (this.folders.get(dir)?.handle === handle) this.folders.delete(dir);
      this.onChange(dir);
    });
    this.folders.set(dir, { id, handle, wish });
  }

  private onEvent(dir: string, name: string | Buffer | null): void {
    const watching = this.folders.get(dir);
    if (this.closed || watching === undefined) return;
    // The watched folder itself removed or replaced (its watch sees nothing more), or no name given.
    if (name === null || identity(dir) !== watching.id) {
      this.onChange(dir);
      return;
    }
    const entry = name.toString();
    const full = path.join(dir, entry);
    const { all, names } = watching.wish;
    if (names.has(entry)) this.onChange(full);
    else if (all !== undefined && !isLeftOut(entry) && (all(entry) || this.folders.has(full) || isFolder(full))) this.onChange(full);
  }

  private report(dir: string, err: unknown): void {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (this.reported.has(`${dir}\0${code}`)) return;
    this.reported.add(`${dir}\0${code}`);
    const why = code === 'ENOSPC'
      ? 'the system\'s limit of watched folders is reached (on Linux, raise fs.inotify.max_user_watches)'
      : (err as Error).message;
    this.onError(`cannot watch ${dir}: ${why}; its changes are not seen`);
  }
}

/** The folders to watch for the targets, each with what is watched in it. */
function planFolders(targets: readonly WatchTarget[]): Map<string, FolderWish> {
  const wishes = new Map<string, FolderWish>();
  const wish = (dir: string): FolderWish => {
    let w = wishes.get(dir);
    if (w === undefined) wishes.set(dir, (w = { names: new Set() }));
    return w;
  };
  for (const target of targets) {
    const file = path.resolve(target.path);
    const stat = statOf(file);
    if (stat?.isDirectory()) {
      const accept = target.accept ?? ((): boolean => true);
      for (const dir of foldersUnder(file)) {
        const w = wish(dir);
        const before = w.all;
        w.all = before === undefined ? accept : (name): boolean => before(name) || accept(name);
      }
      continue;
    }
    // A file, or a path not there yet: watched by name in its folder, or in the nearest folder above that exists.
    let child = file;
    while (path.dirname(child) !== child && statOf(path.dirname(child)) === undefined) child = path.dirname(child);
    wish(path.dirname(child)).names.add(path.basename(child));
    // A link to a file changes where the file lies.
    const real = stat === undefined ? undefined : realPathOf(file);
    if (real !== undefined && real !== file) wish(path.dirname(real)).names.add(path.basename(real));
  }
  return wishes;
}

/** A folder and every folder below it, as the manifest walk goes: no hidden folders, node_modules or links. */
function foldersUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    out.push(dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && !isLeftOut(entry.name)) walk(path.join(dir, entry.name));
  };
  walk(root);
  return out;
}

function isLeftOut(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function isFolder(file: string): boolean {
  return statOf(file)?.isDirectory() ?? false;
}

function identity(dir: string): string | undefined {
  const stat = statOf(dir);
  return stat?.isDirectory() ? `${stat.dev}:${stat.ino}` : undefined;
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
