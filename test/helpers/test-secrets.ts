/** Fixed secrets for the test runtime only (never used by `npm run dev` or production). */
export const TEST_SECRETS = {
  ADMIN_API_KEY: 'test-admin-key-0123456789abcdef0123456789abcdef',
  JWT_SIGNING_KEY: 'dGVzdC1qd3Qtc2lnbmluZy1rZXktMDEyMzQ1Njc4OWFiY2RlZg',
  JWT_SIGNING_KEY_ID: 'test-k1',
  ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
  ENCRYPTION_KEY_VERSION: '1',
  TOKEN_HMAC_KEY: 'dGVzdC1obWFjLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ',
  TOKEN_HMAC_KEY_VERSION: '1',
} as const;
