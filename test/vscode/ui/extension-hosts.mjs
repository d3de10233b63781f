// Which extension host ran the extension, read from the logs of both hosts.
//
// code-server has two: the server's Node extension host (its log is
// <user-data>/logs/<session>/exthost<N>/remoteexthost.log on disk) and, in the browser, the
// web worker extension host, whose log VS Code keeps in the page's IndexedDB (database
// 'vscode-web-db', store 'vscode-logs-store', key '/<session>/exthost/webWorker/workerexthost.log').
// Each host writes, when it activates an extension,
//   [info] ExtensionService#_doActivateExtension transcript-coder.transcript-coder, startup: …
// A --web run (run-ui-tests.mjs) sets TC_EXTENSION_HOST=web and `remote.extensionKind` to
// ["web"] for us, so only the second log may say it.
/* global indexedDB, TextDecoder -- the page.evaluate() callback below runs in the browser */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { profileUserDataDir } from './workbench.mjs';

export const EXTENSION_ID = 'transcript-coder.transcript-coder';

/** 'web' in a --web run (the browser's web worker extension host), 'node' otherwise (the server's). */
export function expectedExtensionHost() {
  return process.env.TC_EXTENSION_HOST === 'web' ? 'web' : 'node';
}

const activationLine = (id) => `ExtensionService#_doActivateExtension ${id},`;

/** Every line of the server's extension host logs, of every window of this profile, that activates `id`. */
export function serverActivations(id = EXTENSION_ID) {
  const logsDir = path.join(profileUserDataDir(), 'logs');
  if (!existsSync(logsDir)) return [];
  const files = readdirSync(logsDir, { recursive: true }).filter((file) => /(^|[/\\])remoteexthost[^/\\]*\.log$/.test(file));
  return files.flatMap((file) =>
    readFileSync(path.join(logsDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.includes(activationLine(id)))
      .map((line) => `${file}: ${line}`),
  );
}

/** The browser-side logs of the page's window: { '/<session>/<file>.log': text }. */
export async function browserLogs(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const db = await request(indexedDB.open('vscode-web-db'));
    try {
      if (!db.objectStoreNames.contains('vscode-logs-store')) return {};
      const store = db.transaction('vscode-logs-store').objectStore('vscode-logs-store');
      const keys = await request(store.getAllKeys());
      const logs = {};
      for (const key of keys) {
        const value = await request(store.get(key));
        logs[String(key)] = typeof value === 'string' ? value : new TextDecoder().decode(value);
      }
      return logs;
    } finally {
      db.close();
    }
  });
}

/** The lines of the page's web worker extension host log that activate `id`. */
export async function workerActivations(page, id = EXTENSION_ID) {
  const logs = await browserLogs(page);
  return Object.entries(logs)
    .filter(([file]) => /\/exthost\/webWorker\/workerexthost[^/]*\.log$/.test(file))
    .flatMap(([file, text]) => text.split('\n').filter((line) => line.includes(activationLine(id))).map((line) => `${file}: ${line}`));
}
