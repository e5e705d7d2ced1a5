import { vi } from 'vitest';

export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a `sourcelens` command in this process (lib/cli) and captures what it writes, with its exit code. */
export async function captureOutput(command: () => Promise<number>): Promise<CommandOutput> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await command();
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
