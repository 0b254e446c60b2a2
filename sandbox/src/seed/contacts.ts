/** Seeds contact books, contact groups and contacts. */
import type { Contact, ContactBook, ContactGroup } from '../types';
import {
  SANDBOX_CONTACT_BOOKS,
  SANDBOX_CONTACT_ID,
  SANDBOX_DELETED_CONTACT_ID,
  SANDBOX_ORGS,
  SANDBOX_USERS,
} from './fixtures';
import { SEED_NOW, FIRST_NAMES, LAST_NAMES, ACME_COMPANIES, type SeedBuilder } from './vocabulary';

export interface ContactSeedResult {
  /** Organization-kind groups of the main book, with their email domain. */
  companies: { groupId: string; name: string; domain: string }[];
}

export function seedContacts({ rng, data }: SeedBuilder): ContactSeedResult {
  const b = SANDBOX_CONTACT_BOOKS;
  const books: ContactBook[] = [
    {
      id: b.acmeCustomers.id,
      name: b.acmeCustomers.name,
      description: 'Every customer contact of Acme Support',
      organization: SANDBOX_ORGS.acme.id,
      user: SANDBOX_USERS.acmeMe.id,
      share_with_organization: true,
    },
    {
      id: b.acmePartners.id,
      name: b.acmePartners.name,
      description: 'Resellers and integration partners',
      organization: SANDBOX_ORGS.acme.id,
      user: SANDBOX_USERS.acmeMe.id,
      share_with_organization: true,
    },
    {
      id: b.globexClients.id,
      name: b.globexClients.name,
      description: null,
      organization: SANDBOX_ORGS.globex.id,
      user: SANDBOX_USERS.globexMe.id,
      share_with_organization: true,
    },
  ];
  data.contactBooks.push(...books);

  const group = (contact_book: string, kind: ContactGroup['kind'], name: string): ContactGroup => {
    const g: ContactGroup = { id: rng.uuid(), name, kind, contact_book };
    data.contactGroups.push(g);
    return g;
  };
  const enterprise = group(b.acmeCustomers.id, 'organization', 'Enterprise Client Inc');
  const companies = [{ groupId: enterprise.id, name: enterprise.name, domain: 'enterprise-client.com' }];
  for (const c of ACME_COMPANIES) {
    companies.push({ groupId: group(b.acmeCustomers.id, 'organization', c.name).id, name: c.name, domain: c.domain });
  }
  const vip = group(b.acmeCustomers.id, 'group', 'VIP');
  const newsletter = group(b.acmeCustomers.id, 'group', 'Newsletter');
  group(b.acmeCustomers.id, 'group', 'Beta testers');
  const resellers = group(b.acmePartners.id, 'group', 'Resellers');
  const soylent = group(b.acmePartners.id, 'organization', 'Soylent Partners');
  const keyAccounts = group(b.globexClients.id, 'group', 'Key accounts');
  const nuclear = group(b.globexClients.id, 'organization', 'Springfield Nuclear');

  const addContacts = (
    book: { id: string; contacts: number },
    pickMemberships: (k: number) => Contact['memberships'],
    domainFor: (k: number) => string,
    fixedIds: string[],
    deletedIndexes: Set<number>,
  ): void => {
    for (let k = 0; k < book.contacts; k++) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      const ascii = (s: string): string =>
        s
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
      const contact: Contact = {
        id: fixedIds[k] ?? rng.uuid(),
        contact_book: book.id,
        first_name: first,
        last_name: last,
        middle_name: null,
        nickname: null,
        gender: null,
        notes: k % 9 === 0 ? 'Prefers email over phone.' : null,
        starred: k % 11 === 0,
        infos: [
          { kind: 'email', label: 'work', value: `${ascii(first)}.${ascii(last)}${k}@${domainFor(k)}` },
          { kind: 'phone_number', label: 'mobile', value: `+1555${String(1_000_000 + k * 7919).slice(-7)}` },
        ],
        memberships: pickMemberships(k),
        modified_at: SEED_NOW - 86_400 - k * 3_000,
        deleted: deletedIndexes.has(k),
      };
      data.contacts.set(contact.id, contact);
    }
  };
  const membership = (g: ContactGroup, title?: string): Contact['memberships'][number] => ({
    group: { id: g.id, kind: g.kind, name: g.name },
    ...(title ? { title } : {}),
  });
  addContacts(
    b.acmeCustomers,
    (k) => {
      const company = companies[k % companies.length];
      const org = data.contactGroups.find((g) => g.id === company?.groupId);
      const out = org ? [membership(org, k % 4 === 0 ? 'CTO' : 'Operations Manager')] : [];
      if (k % 10 === 0) out.push(membership(vip));
      if (k % 3 === 1) out.push(membership(newsletter));
      return out;
    },
    (k) => companies[k % companies.length]?.domain ?? 'example.test',
    [SANDBOX_CONTACT_ID, SANDBOX_DELETED_CONTACT_ID],
    new Set([1, 37, 88, 121, 170, 219]),
  );
  addContacts(
    b.acmePartners,
    (k) => (k % 2 === 0 ? [membership(resellers), membership(soylent, 'Partner Manager')] : [membership(resellers)]),
    () => 'soylent-partners.test',
    [],
    new Set(),
  );
  addContacts(
    b.globexClients,
    (k) => (k % 5 === 0 ? [membership(keyAccounts), membership(nuclear)] : [membership(nuclear)]),
    () => 'springfield-nuclear.test',
    [],
    new Set([7]),
  );
  return { companies };
}
