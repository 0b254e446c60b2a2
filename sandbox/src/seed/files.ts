/** Bytes of the downloadable attachments. Generated, not stored, so the bundle stays small. */
import type { FileSource } from '../types';

/** A valid 1x1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const PDF_TEXT = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n');

function logText(): string {
  const lines: string[] = [];
  const base = Date.UTC(2026, 10, 17, 14, 2, 0);
  for (let i = 0; i < 40; i++) {
    const at = new Date(base + i * 1_500).toISOString();
    const level = i % 7 === 3 ? 'ERROR' : i % 5 === 1 ? 'WARN' : 'INFO';
    const line =
      level === 'ERROR'
        ? `upstream timeout after 30000ms on POST /api/v2/checkout (request_id=req_${1000 + i})`
        : level === 'WARN'
          ? `connection pool near capacity (in_use=${90 + (i % 10)}/100)`
          : `handled GET /api/v2/orders in ${12 + (i % 9)}ms`;
    lines.push(`${at} ${level} api-gateway ${line}`);
  }
  return lines.join('\n') + '\n';
}

/** Returns the bytes of a file source. */
export function fileBytes(source: FileSource): Uint8Array {
  switch (source.kind) {
    case 'text-log':
      return new TextEncoder().encode(logText());
    case 'png':
      return Uint8Array.from(atob(PNG_BASE64), (ch) => ch.charCodeAt(0));
    case 'pdf':
      return new TextEncoder().encode(PDF_TEXT);
    case 'large': {
      // A repeating, recognisable pattern; deterministic so a download can be checked byte for byte.
      const out = new Uint8Array(source.size);
      for (let i = 0; i < out.length; i++) out[i] = i % 251;
      return out;
    }
    case 'bytes':
      return source.data;
  }
}

/** Size in bytes of a file source without building it (except the small generated ones). */
export function fileSize(source: FileSource): number {
  return source.kind === 'large' ? source.size : fileBytes(source).length;
}
