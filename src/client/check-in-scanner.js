// The door's scanner island: on a phone whose browser can read QR codes (the BarcodeDetector of the
// Shape Detection API, and a camera), "Scan a ticket" appears below the search, opens the rear
// camera and, when it sees a ticket of this event, opens that ticket's check-in page, where staff
// confirm with the Check in button as before: scanning never checks anyone in by itself.
// Without that support (most desktop browsers) the button stays hidden and the search is the way.
// The page renders everything hidden (`hidden` attributes); strings come from data-* attributes,
// never inline script, which the Content-Security-Policy forbids.
import { ticketPathFromScan } from './check-in-ticket-url.js';

/** How often a frame is handed to the detector (ms): quick enough to feel instant, light on a phone. */
const SCAN_EVERY = 250;

const root = document.getElementById('door-scanner');

async function canScan() {
  if (!('BarcodeDetector' in window) || typeof navigator.mediaDevices?.getUserMedia !== 'function') return false;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return Array.isArray(formats) && formats.includes('qr_code');
  } catch {
    return false;
  }
}

function setUp(root) {
  const startButton = root.querySelector('[data-scan-start]');
  const stopButton = root.querySelector('[data-scan-stop]');
  const viewer = root.querySelector('[data-scan-viewer]');
  const video = root.querySelector('video');
  const status = root.querySelector('[data-scan-status]');
  if (!startButton || !stopButton || !viewer || !video || !status) return;
  const text = root.dataset;
  const expected = { slug: text.slug ?? '', origins: [window.location.origin, text.siteOrigin].filter(Boolean) };

  let stream = null;
  let timer = null;
  let busy = false;
  let lastRefused = null;

  const say = (message) => {
    status.textContent = message ?? '';
  };

  function stop({ focus = true } = {}) {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    video.srcObject = null;
    viewer.hidden = true;
    startButton.hidden = false;
    if (focus) startButton.focus();
  }

  function cameraError(err) {
    const name = err && typeof err === 'object' && 'name' in err ? err.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') return text.msgDenied;
    if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return text.msgNoCamera;
    return text.msgFailed;
  }

  async function look(detector) {
    if (busy || !stream || video.readyState < 2) return;
    busy = true;
    try {
      const codes = await detector.detect(video);
      for (const code of codes) {
        const path = ticketPathFromScan(code.rawValue, expected);
        if (path) {
          stop({ focus: false });
          say(text.msgFound);
          window.location.assign(path);
          return;
        }
        // Said once per code in sight: repeating it every quarter second would drown a screen reader.
        if (code.rawValue !== lastRefused) {
          lastRefused = code.rawValue;
          say(text.msgForeign);
        }
      }
    } catch {
      stop();
      say(text.msgFailed);
    } finally {
      busy = false;
    }
  }

  async function start() {
    say('');
    lastRefused = null;
    try {
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.muted = true;
      video.srcObject = stream;
      startButton.hidden = true;
      viewer.hidden = false;
      stopButton.focus();
      await video.play();
      say(text.msgScanning);
      timer = window.setInterval(() => void look(detector), SCAN_EVERY);
    } catch (err) {
      stop();
      say(cameraError(err));
    }
  }

  startButton.addEventListener('click', () => void start());
  stopButton.addEventListener('click', () => {
    stop();
    say(text.msgStopped);
  });
  // Leaving the page (or the phone putting it away) turns the camera off.
  window.addEventListener('pagehide', () => stop({ focus: false }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && stream) stop({ focus: false });
  });
  startButton.hidden = false;
}

if (root) {
  canScan().then((yes) => {
    if (yes) setUp(root);
  });
}
