// The QR code on a receipt: the tracking link with the reference only. The secret code is never
// put in it, since a printed receipt or a photo of the screen may be seen by others.
import QRCode from 'qrcode';

export async function trackingQrSvg(url: string): Promise<string> {
  const query = new URL(url, 'http://relative.invalid').searchParams;
  if (query.has('code') || query.has('tracking_code'))
    throw new Error('a tracking link carries the reference only');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** For `<img src>`: base64 keeps the SVG's quotes and `#` from breaking the attribute or URL. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
