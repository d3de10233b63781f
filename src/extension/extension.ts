import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('transcriptCoder.showSummary', () => {
      void vscode.window.showInformationMessage('Transcript Coder: summary view arrives with the sidebar.');
    }),
  );
}

export function deactivate(): void {}
