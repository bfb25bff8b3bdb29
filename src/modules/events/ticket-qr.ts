import QRCode from 'qrcode';
import { siteUrl } from '../../platform/site-url.ts';

// A ticket's QR code carries the door's check-in address for its code: staff scan it with any
// phone camera and land on the check-in page (which asks them to sign in). The code is random and
// unguessable; a transfer replaces it, so an old printout stops working.

/** The absolute check-in address a ticket's QR code encodes. */
export const checkInUrl = (eventSlug: string, code: string): string => siteUrl(`/events/${eventSlug}/check-in/${code}`);

/** The QR code as a PNG (for the confirmation email's attachment). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: 320, margin: 2, errorCorrectionLevel: 'M' });
}

/** The QR code as an SVG data: address for an <img> (the CSP allows data: images, not inline styles or markup). */
export async function qrSvgDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
