import * as vscode from 'vscode';

export const SECTION = 'transcriptCoder';

export interface Settings {
  coder: string;
  codebookPath: string;
  transcriptFiles: string[];
  labelLanguage: string;
  endOfLineLabels: boolean;
  /** Show only my own codes, for independent double coding. */
  blindCoding: boolean;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const language = config.get<string>('labelLanguage', 'auto');
  return {
    coder: config.get<string>('coder', '').trim(),
    codebookPath: config.get<string>('codebookPath', 'codebook.yaml'),
    transcriptFiles: config.get<string[]>('transcriptFiles', []),
    // 'auto' follows the UI language: an Indonesian VS Code shows Indonesian labels.
    labelLanguage: language === 'auto' ? vscode.env.language : language,
    endOfLineLabels: config.get<boolean>('endOfLineLabels', true),
    blindCoding: config.get<boolean>('blindCoding', false),
  };
}
