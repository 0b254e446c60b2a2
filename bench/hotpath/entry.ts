/** What the Node hot-path harness needs from src/, bundled by esbuild (see node.ts). */
export { createApp } from '../../src/app';
export { getConfig } from '../../src/config';
export { encryptSecret } from '../../src/security/crypto-box';
export { hmacTokenHex } from '../../src/security/hmac';
export { generateMcpToken } from '../../src/security/mcp-token';
