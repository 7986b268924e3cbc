import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeControl } from '../source/escape-control';
import { diagnostic, type Diagnostic } from '../source/diagnostic';
import type { ReportWarning, SourceText } from '../types/index';
import { describeFsError, describeKind, isInside } from '../source/read-file';
import { readTextFile, DEFAULT_READ_LIMITS, type ReadLimits } from '../source/read-file';
import type { Limits } from '../source/limits';
import { packText } from '../source/packed-text';

const MANIFEST_EXTENSIONS = /\.(json|ya?ml)$/i;

/** Files found by walking paths, with what could not be taken and what was left out. */
export interface ExpandedPaths {
  files: string[];
  errors: Diagnostic[];
  /** Special files and links to folders that were skipped (warnings `source/skipped`). */
  skipped: ReportWarning[];
  /** For each file found in a folder (not named itself), the folder named that holds it. */
  foundIn: Map<string, string>;
}

/** Options of {@link walkFiles} and {@link expandManifestPaths}. */
export interface WalkOptions {
  /**
   * Whether a file or folder found while walking a folder is left out (a .dfftignore pattern);
   * given the path as walked. A path named itself is never left out.
   */
  ignore?: (file: string, isDirectory: boolean) => boolean;
}

/**
 * Expands the paths of a command line into manifest files: a directory stands for every .json,
 * .yaml and .yml file below it (hidden folders and node_modules skipped), in sorted order so
 * that runs are deterministic. A path that does not exist is an error; an empty directory too.
 * See {@link walkFiles} for what a folder may hold.
 */
export function expandManifestPaths(paths: readonly string[], options: WalkOptions = {}): ExpandedPaths {
  return walkFiles(paths, (name) => MANIFEST_EXTENSIONS.test(name), 'no .json, .yaml or .yml files in this directory', options);
}

/**
 * Expands paths into the files whose names `accept` takes (with `emptyMessage`, a folder without
 * any is an error). A file named on the command line is
 * taken as given (it may be a symbolic link; reading it checks that it is a regular file). In a
 * folder only regular files are taken: a FIFO, socket or device is skipped with a warning (it
 * could block, never end, or be a secret), a link to a folder is skipped with a warning (what it
 * holds is checked where it lies, or named on its own), and a link to a file is followed only
 * when its real path is inside the folder named: a link leading out of it (to /etc/passwd, to a
 * CI secret) is an error naming the link and where it points, and is never read. Files reached
 * twice (a link to a file of the same folder) are taken once.
 */
export function walkFiles(paths: readonly string[], accept: (name: string) => boolean, emptyMessage?: string, options: WalkOptions = {}): ExpandedPaths {
  const walk = new FileWalk(accept, emptyMessage, options.ignore ?? (() => false));
  for (const p of paths) walk.addPath(p);
  return { files: walk.files, errors: walk.errors, skipped: walk.skipped, foundIn: walk.foundIn };
}

const at = (file: string) => ({ file, line: 1, column: 1, pointer: '' });

/** The state of one {@link walkFiles}: what was found, and the real paths already taken. */
class FileWalk {
  readonly files: string[] = [];
  readonly errors: Diagnostic[] = [];
  readonly skipped: ReportWarning[] = [];
  readonly foundIn = new Map<string, string>();
  private readonly seen = new Set<string>();
  /** The folder named that is being walked. */
  private folder = '';

  constructor(
    private readonly accept: (name: string) => boolean,
    private readonly emptyMessage: string | undefined,
    private readonly ignored: (file: string, isDirectory: boolean) => boolean,
  ) {}

  /** One path of the command line: a folder is walked, a file taken as given. */
  addPath(p: string): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (err) {
      const hint = p === '-' ? 'dfft reads manifests from files only, not from standard input' : undefined;
      this.errors.push(diagnostic('source/unreadable', `cannot read: ${describeFsError(err)}`, at(p), hint));
      return;
    }
    if (stat.isDirectory()) {
      const before = this.files.length + this.errors.length + this.skipped.length;
      const root = fs.realpathSync(p);
      this.folder = p;
      this.walk(p, root, root, p);
      if (this.emptyMessage !== undefined && this.files.length + this.errors.length + this.skipped.length === before) this.errors.push(diagnostic('source/unreadable', this.emptyMessage, at(p)));
    } else {
      // Named on purpose: reading it refuses anything but a regular file.
      let real = path.resolve(p);
      try {
        real = fs.realpathSync(p);
      } catch {
        // Reading it reports why.
      }
      this.take(p, real);
    }
  }

  private take(file: string, real: string, inFolder = false): void {
    if (this.seen.has(real)) return;
    this.seen.add(real);
    this.files.push(file);
    if (inFolder) this.foundIn.set(file, this.folder);
  }

  private skip(file: string, what: string, hint?: string): void {
    this.skipped.push({ code: 'source/skipped', message: escapeControl(`skipped: ${what}`), ...(hint ? { hint } : {}), location: at(file) });
  }

  private walk(dir: string, realDir: string, root: string, rootShown: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.errors.push(diagnostic('source/unreadable', `cannot read directory: ${describeFsError(err)}`, at(dir)));
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      let stat: fs.Stats | undefined;
      try {
        // Some file systems do not give the type in the listing.
        if (!(entry.isDirectory() || entry.isFile() || entry.isSymbolicLink() || entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())) stat = fs.lstatSync(full);
      } catch (err) {
        this.errors.push(diagnostic('source/unreadable', `cannot read: ${describeFsError(err)}`, at(full)));
        continue;
      }
      const kind = stat ?? entry;
      if (this.ignored(full, kind.isDirectory())) continue;
      if (kind.isDirectory()) this.walk(full, path.join(realDir, entry.name), root, rootShown);
      else if (kind.isFile()) {
        if (this.accept(entry.name)) this.take(full, path.join(realDir, entry.name), true);
      } else if (kind.isSymbolicLink()) this.followLink(full, entry.name, root, rootShown);
      else if (this.accept(entry.name)) this.skip(full, `${describeKind(stat ?? fs.lstatSync(full))}, not a regular file`);
    }
  }

  private followLink(full: string, name: string, root: string, rootShown: string): void {
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch (err) {
      if (!this.accept(name)) return;
      const target = readLinkOrUndefined(full);
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `is a symbolic link to ${target ?? 'a missing file'}, which does not exist` : `cannot follow the symbolic link: ${describeFsError(err)}`;
      this.errors.push(diagnostic('source/unreadable', why, at(full)));
      return;
    }
    let target: fs.Stats;
    try {
      target = fs.statSync(real);
    } catch (err) {
      if (this.accept(name)) this.errors.push(diagnostic('source/unreadable', `cannot read: ${describeFsError(err)}`, at(full)));
      return;
    }
    if (target.isDirectory()) {
      this.skip(full, `a symbolic link to a folder (${real})`, 'name the folder on the command line to check what it holds');
      return;
    }
    if (!this.accept(name)) return;
    if (!isInside(root, real)) {
      this.errors.push(diagnostic('source/unreadable', `is a symbolic link to ${real}, outside ${rootShown}; not read`, at(full), 'a folder is checked only for the files inside it: copy the file in, or name it on the command line'));
      return;
    }
    if (!target.isFile()) {
      this.skip(full, `a symbolic link to ${describeKind(target)}, not a regular file`);
      return;
    }
    this.take(full, real, true);
  }
}

function readLinkOrUndefined(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

/** Reads manifest files; every unreadable file is an error and the others are still returned. */
export function readManifestFiles(
  files: readonly string[], limits: ReadLimits | Limits = DEFAULT_READ_LIMITS,
  /** Texts read after this many characters are packed (packText); by default none. */
  packAfter = Infinity,
  /** Whether a file read is kept; one that is not is left out of `sources`, named in `left`. */
  keep: (file: string, text: string) => boolean = () => true,
): { sources: SourceText[]; errors: Diagnostic[]; characters: number; left: string[] } {
  const sources: SourceText[] = [];
  const errors: Diagnostic[] = [];
  const left: string[] = [];
  let characters = 0;
  if ('maxFiles' in limits && files.length > limits.maxFiles) {
    // Refused before reading anything: a run over the limit would be cut short anyway.
    return { sources, characters: 0, left, errors: [diagnostic('source/too-large', `${files.length} manifest files, over the limit of ${limits.maxFiles}`, undefined, 'split the run, or raise --max-files')] };
  }
  for (const file of files) {
    const read = readTextFile(file, 'source/unreadable', limits);
    if (!read.ok) errors.push(...read.diagnostics);
    else if (!keep(file, read.value.text)) left.push(file);
    else {
      const { text, sha256 } = read.value;
      sources.push(characters >= packAfter ? packText(file, text, sha256) : { file, text, sha256 });
      characters += text.length;
    }
  }
  return { sources, errors, characters, left };
}

/**
 * Whether a text may be a manifest: it names `manifestVersion` somewhere (a manifest must have it
 * at its top level). What does not (a policy, a waiver file, package.json) is not one; what does
 * is read as one, so that a manifest with a misplaced key is an error, never left out.
 */
export function mayBeManifest(text: string): boolean {
  return text.includes('manifestVersion');
}

/**
 * Whether the start of a file too large to read may be a manifest (see {@link mayBeManifest}): a
 * generated file (a lock file, a data dump) in a folder of manifests is left out, not an error.
 * Undefined when the file cannot be opened.
 */
export function headMayBeManifest(file: string, bytes = 64 * 1024): boolean | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buffer, 0, bytes, 0);
    return mayBeManifest(buffer.subarray(0, n).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
