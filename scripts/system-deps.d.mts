// Types of system-deps.mjs (plain JavaScript: it runs before the dependencies are installed) for the tests.
export interface SystemDep {
  label: string;
  executable: () => string;
  apt: string;
  /** A data file rather than a program. */
  file?: boolean;
}
export type SystemDepName = 'chromium' | 'firefox' | 'xvfb' | 'xdotool' | 'postgresql' | 'chromiumLanguages';
export const SYSTEM_DEPS: Record<SystemDepName, SystemDep>;
export const TEST_DEPS: SystemDepName[];
export const SERVER_TEST_DEPS: SystemDepName[];
export function findExecutable(name: string, options?: { env?: NodeJS.ProcessEnv; executable?: (path: string) => boolean }): string | null;
export function missingDeps(
  names: SystemDepName[],
  options?: { find?: (path: string) => string | null; fileExists?: (path: string) => boolean },
): Array<SystemDep & { name: SystemDepName; path: string }>;
export function installCommand(deps: Array<{ apt: string }>): string;
export class MissingDepsError extends Error {}
export function ensureSystemDeps(
  names: SystemDepName[],
  options?: {
    find?: (path: string) => string | null;
    canInstall?: () => boolean;
    install?: (packages: string[], log: (line: string) => void) => void;
    log?: (line: string) => void;
  },
): { installed: string[] };
