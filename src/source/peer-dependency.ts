/**
 * Optional peer dependencies: packages that only one command needs (a web server for `serve`, the
 * TypeScript compiler for `extract`), so that a library caller of `check()` does not install them.
 * The command checks for them before loading them and says what to install.
 */

/** Each feature's optional peers. */
export const OPTIONAL_PEERS = {
  serve: ['fastify', 'pino', 'piscina'],
  extract: ['ts-morph'],
} as const;

export type PeerFeature = keyof typeof OPTIONAL_PEERS;

/** The version ranges package.json gives the peers (one place to change them). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PEER_RANGES = (require('../../package.json') as { peerDependencies: Record<string, string> }).peerDependencies;

const FEATURE_NAMES: Record<PeerFeature, string> = {
  serve: 'dfft serve',
  extract: 'Reading TypeScript code (dfft extract, dfft diff, check --project, extractProject)',
};

/** A feature was used whose optional peer dependencies are not installed. */
export class MissingPeerError extends Error {
  override readonly name = 'MissingPeerError';
  constructor(readonly feature: PeerFeature, readonly missing: readonly string[]) {
    const install = missing.map((name) => `${name}@${PEER_RANGES[name] ?? 'latest'}`).join(' ');
    super(`${FEATURE_NAMES[feature]} needs ${missing.join(', ')}, which dfft does not install by default (optional peer dependencies). Install ${missing.length > 1 ? 'them' : 'it'} where dfft is installed: npm install -D ${install} (npm install -g ${install} for a global dfft)`);
  }
}

/**
 * Throws MissingPeerError naming every peer of `feature` that cannot be resolved from dfft's own
 * location (where its modules will require them from).
 */
export function assertPeers(feature: PeerFeature, resolve: (name: string) => string = require.resolve): void {
  const missing = OPTIONAL_PEERS[feature].filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) throw new MissingPeerError(feature, missing);
}
