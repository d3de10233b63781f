/**
 * Web twin of git-user.ts: in a browser there is no `git` to run. Where VS Code's git
 * extension is there (a remote or a desktop opening a web workspace), its API is asked
 * for user.name; elsewhere (vscode.dev, github.dev) the name comes from the setting, or
 * the user is asked once (coding-context.ts).
 */
import * as vscode from 'vscode';

interface GitRepository {
  rootUri: vscode.Uri;
  getConfig(key: string): Promise<string>;
  getGlobalConfig(key: string): Promise<string>;
}

interface GitApi {
  repositories: GitRepository[];
}

export async function gitUserName(folder: vscode.Uri | undefined): Promise<string | undefined> {
  try {
    const git = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    if (git === undefined) return undefined;
    const api = (git.isActive ? git.exports : await git.activate()).getAPI(1);
    const repository = api.repositories.find((candidate) => folder !== undefined && folder.toString().startsWith(candidate.rootUri.toString())) ?? api.repositories[0];
    const name = (await repository?.getConfig('user.name'))?.trim() || (await repository?.getGlobalConfig('user.name'))?.trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}
