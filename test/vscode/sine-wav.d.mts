/** A mono 16-bit PCM WAV of a 440 Hz tone (see sine-wav.mjs). */
export function sineWav(seconds: number, sampleRate?: number): Uint8Array;
