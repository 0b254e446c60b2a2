/** The seed's clock and vocabulary: fixed "now", names, companies and topics. */
import type { Rng } from './prng';
import type { SandboxData } from '../types';

/** The seed's "now": 2026-11-18T19:33:20Z. Every seeded timestamp is at or before it. */
export const SEED_NOW = 1_795_030_400;

export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Ethan',
  'Sophia',
  'Mason',
  'Isabella',
  'Lucas',
  'Mia',
  'Amir',
  'Chloe',
  'Mateo',
  'Zoe',
  'Hiro',
  'Priya',
  'Jonas',
  'Lena',
  'Diego',
  'Fatima',
  'Kenji',
  'Sara',
  'Tomás',
];
export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Tanaka',
  'Kowalski',
  'Silva',
  'Okafor',
  'Larsen',
  'Novak',
  'Haddad',
  'Kim',
  'Patel',
  'Fischer',
  'Moreau',
  'Costa',
  'Andersson',
  'Lopez',
];
export const ACME_COMPANIES = [
  { name: 'Initech', domain: 'initech.test' },
  { name: 'Umbrella Corp', domain: 'umbrella.test' },
  { name: 'Stark Industries', domain: 'stark.test' },
  { name: 'Wayne Enterprises', domain: 'wayne.test' },
];
export const ACME_TOPICS = [
  'Cannot log in after password reset',
  'Invoice shows the wrong VAT number',
  'Webhook deliveries delayed by several minutes',
  'Feature request: export tickets to CSV',
  'SSO configuration with Okta fails',
  'Question about the Enterprise plan limits',
  'API returns 502 on large uploads',
  'Refund for duplicate charge',
  'Mobile app crashes on Android 15',
  'How do I add a teammate?',
  'Data retention policy question',
  'Slow dashboard loading times',
  'Email notifications going to spam',
  'Custom domain verification pending',
];
export const GLOBEX_TOPICS = [
  'Reactor maintenance schedule',
  'Supplier onboarding documents',
  'Quarterly logistics review',
  'Badge access for new contractors',
  'Cafeteria vendor contract',
  'Hammock procurement request',
];

/** What every seeding step works on: the shared PRNG and the data being built. */
export interface SeedBuilder {
  rng: Rng;
  data: SandboxData;
}
