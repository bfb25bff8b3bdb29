import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { siteUrl } from '../../platform/site-url.ts';

// A ticket's QR code carries the door's check-in address for its code: staff scan it with any
// phone camera and land on the check-in page (which asks them to sign in). The code is random and
// unguessable; a transfer replaces it, so an old printout stops working.

/** The absolute check-in address a ticket's QR code encodes. */
export const checkInUrl = (eventSlug: string, code: string): string => siteUrl(`/events/${eventSlug}/check-in/${code}`);

/** Quiet zone around the code, in modules (phones read 2 reliably on a white page or screen). */
const MARGIN = 2;
/** The image is at least this wide: large enough to print and to scan from a phone screen. */
const MIN_WIDTH = 320;

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The QR code as a PNG (for the ticket emails' attachments): a 1-bit greyscale image, each module
 * a whole number of pixels. Written here rather than by `qrcode`'s PNG renderer, which draws 32-bit
 * RGBA pixels and lets pngjs try every row filter: that took ≈ 12 ms of CPU per code, this ≈ 1.5 ms
 * (mostly the QR encoding itself), and the file is a quarter of the size. Any PNG reader opens it.
 */
export function qrPng(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const span = n + 2 * MARGIN;
  const scale = Math.ceil(MIN_WIDTH / span);
  const width = span * scale;
  const rowBytes = Math.ceil(width / 8);
  // Each row: filter byte 0 (none), then 8 pixels a byte, most significant bit first; 1 is white.
  const raw = Buffer.alloc((rowBytes + 1) * width, 0xff);
  for (let y = 0; y < width; y++) {
    const row = y * (rowBytes + 1);
    raw[row] = 0;
    const my = Math.floor(y / scale) - MARGIN;
    if (my < 0 || my >= n) continue;
    for (let x = MARGIN * scale; x < (n + MARGIN) * scale; x++) {
      const at = row + 1 + (x >> 3);
      if (modules.get(my, Math.floor(x / scale) - MARGIN)) raw[at] = raw[at]! & ~(0x80 >> (x & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale; compression, filter and interlace methods stay 0
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The QR code as an SVG data: address for an <img> (the CSP allows data: images, not inline styles or markup). */
export async function qrSvgDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
