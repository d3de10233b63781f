import { execFile } from 'node:child_process';

/** git's user.name in `cwd`, or undefined when git or the setting is missing. */
export function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => {
      const name = stdout?.toString().trim();
      resolve(error || !name ? undefined : name);
    });
  });
}
