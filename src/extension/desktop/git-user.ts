/** Desktop adapter (web twin: git-user.web.ts): the coder's name from git's own config, by running `git`. */
import { execFile } from 'node:child_process';
import type * as vscode from 'vscode';

/** git's user.name in the folder, or undefined when git or the setting is missing. */
export function gitUserName(folder: vscode.Uri | undefined): Promise<string | undefined> {
  const cwd = folder?.scheme === 'file' ? folder.fsPath : undefined;
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => {
      const name = stdout?.toString().trim();
      resolve(error || !name ? undefined : name);
    });
  });
}
