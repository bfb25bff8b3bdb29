import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an ES-style default export: depending on the loader it arrives as the function or as { default }.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

/** What a QR code in a PNG image says, read by an independent decoder (or undefined when none is found). */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)?.data;
}
