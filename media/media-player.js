// The media panel's player (issue 17). The extension posts what to load and when to play;
// the player posts its state back (time, length, paused, rate) and any error, so the
// editor can highlight the spoken line and tell the user what went wrong. It writes nothing.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is given by the webview host
  const vscode = acquireVsCodeApi();
  const player = /** @type {HTMLElement} */ (document.getElementById('player'));
  const nameField = /** @type {HTMLElement} */ (document.getElementById('name'));
  const timeField = /** @type {HTMLElement} */ (document.getElementById('time'));
  const rateField = /** @type {HTMLElement} */ (document.getElementById('rate'));
  const messageField = /** @type {HTMLElement} */ (document.getElementById('message'));
  /** @type {HTMLMediaElement | undefined} */
  let media;
  /** Where a segment stops: playing pauses there. */
  let stopAt = Infinity;
  let source = '';

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds || 0));
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = String(whole % 60).padStart(2, '0');
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }

  function post(type, extra) {
    vscode.postMessage(Object.assign({ type, source }, extra || {}));
  }

  function postState() {
    if (!media) return;
    timeField.textContent = `${clock(media.currentTime)} / ${clock(media.duration)}`;
    rateField.textContent = `${Math.round(media.playbackRate * 100) / 100}×`;
    post('state', {
      currentTime: media.currentTime,
      duration: Number.isFinite(media.duration) ? media.duration : null,
      paused: media.paused,
      rate: media.playbackRate,
    });
  }

  function load(message) {
    source = message.src;
    stopAt = Infinity;
    messageField.hidden = true;
    player.textContent = '';
    media = document.createElement(message.kind === 'video' ? 'video' : 'audio');
    media.controls = true;
    media.preload = 'auto';
    for (const event of ['timeupdate', 'play', 'pause', 'seeked', 'ratechange', 'loadedmetadata', 'ended']) media.addEventListener(event, postState);
    media.addEventListener('timeupdate', () => {
      if (media && media.currentTime >= stopAt) {
        stopAt = Infinity;
        media.pause();
      }
    });
    media.addEventListener('error', () => {
      const error = media && media.error;
      const text = error ? error.message || `code ${error.code}` : 'unknown error';
      messageField.textContent = text;
      messageField.hidden = false;
      post('error', { code: error ? error.code : 0, message: text });
    });
    media.src = message.src;
    nameField.textContent = message.name;
    player.appendChild(media);
  }

  /** Runs `action` once the recording's length is known (seeking needs it). */
  function whenLoaded(action) {
    if (!media) return;
    if (media.readyState >= 1) action(media);
    else media.addEventListener('loadedmetadata', () => media && action(media), { once: true });
  }

  function play(element) {
    element.play().catch((error) => {
      // Without a click on the page, a browser may refuse to play (its autoplay policy).
      post(error && error.name === 'NotAllowedError' ? 'play-blocked' : 'play-failed', { message: String(error && error.message) });
      postState();
    });
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'load':
        load(message);
        break;
      case 'play':
        whenLoaded((element) => {
          element.currentTime = Math.min(Math.max(0, message.from), Number.isFinite(element.duration) ? element.duration : message.from);
          stopAt = typeof message.to === 'number' ? message.to : Infinity;
          play(element);
        });
        break;
      case 'toggle':
        whenLoaded((element) => (element.paused ? play(element) : element.pause()));
        break;
      case 'skip':
        whenLoaded((element) => {
          element.currentTime = Math.max(0, element.currentTime + message.seconds);
        });
        break;
      case 'rate':
        whenLoaded((element) => {
          element.playbackRate = Math.min(4, Math.max(0.25, Math.round((element.playbackRate + message.delta) * 100) / 100));
        });
        break;
      case 'report':
        postState();
        break;
    }
  });
  post('ready');
})();
