// A recording for the media tests (issue 17), made in the test rather than committed: a
// mono 16-bit PCM WAV of a 440 Hz tone, which the Chromium in code-server plays. Shared by
// the extension-host test (suite/media.test.ts) and the UI test (ui/media.test.mjs).

/**
 * @param {number} seconds
 * @param {number} [sampleRate]
 * @returns {Uint8Array}
 */
export function sineWav(seconds, sampleRate = 8000) {
  const samples = seconds * sampleRate;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset, text) => [...text].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), true);
  return bytes;
}
