/**
 * MCP server token format: `mcp_` + base64url(32 random bytes) (43 chars) + checksum (6 chars).
 * The checksum is base64url of the big-endian CRC-32 of the ASCII body (prefix + random part), so a
 * typo'd, truncated or invented token is refused by `isWellFormedMcpToken` with no storage read.
 * CRC-32 is an integrity check against accidents, not a MAC: the 256 random bits are the secret.
 * Pure: no runtime imports besides `crypto.getRandomValues`.
 */
import { base64urlEncode } from './encoding';

export const MCP_TOKEN_PREFIX = 'mcp_';
const RANDOM_BYTES = 32;
const RANDOM_CHARS = 43; // ceil(32 * 8 / 6), unpadded
const CHECKSUM_CHARS = 6; // 4 CRC bytes, unpadded
export const MCP_TOKEN_LENGTH = MCP_TOKEN_PREFIX.length + RANDOM_CHARS + CHECKSUM_CHARS;

const SHAPE = new RegExp(`^${MCP_TOKEN_PREFIX}[A-Za-z0-9_-]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

let crcTable: Uint32Array | null = null;

/** The CRC-32 (IEEE 802.3, the zlib one) lookup table, built on first use. */
function crcLookup(): Uint32Array {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  return crcTable;
}

/** CRC-32 (IEEE 802.3, the zlib one) of the bytes. */
export function crc32(bytes: Uint8Array): number {
  const table = crcLookup();
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 of an ASCII string's bytes, without encoding it first (every MCP request checks one). */
function crc32Ascii(text: string): number {
  const table = crcLookup();
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = table[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `body` is ASCII (the prefix and base64url), so its UTF-8 bytes are its char codes. */
function checksum(body: string): string {
  const crc = crc32Ascii(body);
  return base64urlEncode(new Uint8Array([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]));
}

/** A fresh token with 256 random bits. Shown to the caller once, then only its HMAC is kept. */
export function generateMcpToken(): string {
  const body = MCP_TOKEN_PREFIX + base64urlEncode(crypto.getRandomValues(new Uint8Array(RANDOM_BYTES)));
  return body + checksum(body);
}

/** Prefix, length, alphabet and checksum; true only for a token this gateway could have issued. */
export function isWellFormedMcpToken(token: string): boolean {
  if (token.length !== MCP_TOKEN_LENGTH || !SHAPE.test(token)) return false;
  const body = token.slice(0, MCP_TOKEN_LENGTH - CHECKSUM_CHARS);
  const sum = token.slice(MCP_TOKEN_LENGTH - CHECKSUM_CHARS);
  // Not a secret comparison: the checksum is derivable from the body by anyone.
  return checksum(body) === sum;
}

/** The last 4 characters, the only part of a token the admin API shows again. */
export function tokenLast4(token: string): string {
  return token.slice(-4);
}
