/**
 * Running a local program (Pandoc) from the Node extension host: input on stdin, output
 * collected, cancellation kills it. The web platform has no runner.
 */
import { spawn } from 'child_process';
import type * as vscode from 'vscode';

export interface ProgramResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProgramRunner {
  /** Runs `command`; rejects with an error whose `code` is `ENOENT` when there is no such program. */
  run(
    command: string,
    args: readonly string[],
    options?: { input?: string; cwd?: string; token?: vscode.CancellationToken },
  ): Promise<ProgramResult>;
}

export const nodePrograms: ProgramRunner = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const cancel = options.token?.onCancellationRequested(() => child.kill());
      child.on('error', (e) => {
        cancel?.dispose();
        reject(e);
      });
      child.on('close', (code) => {
        cancel?.dispose();
        resolve({ code, stdout, stderr });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  },
};
