import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code as inline SVG: sharp on a projector and in print at any size. Error correction
 * "M" (15 %) survives a glare spot on a projected code without making the modules tiny.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
      .then((markup) => !cancelled && setSvg(markup))
      .catch(() => !cancelled && setSvg(null));
    return () => {
      cancelled = true;
    };
  }, [value]);
  if (!svg) return <div className="qr qr--pending" aria-label={label} />;
  return (
    <div
      className="qr"
      role="img"
      aria-label={label}
      // The markup comes from the qrcode library for a value we built; it contains no user HTML.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
