/**
 * A Client ID Metadata Document is fetched from a URL the client chooses. In production the Worker's
 * `global_fetch_strictly_public` flag keeps every such fetch on the public internet, whatever a host
 * name resolves to. This check refuses, before any fetch, the client ids that name a non-public
 * place literally (loopback, private, link-local, unique-local or unspecified IP literals, and
 * `localhost`), so the rule also holds where the flag is not enforced (local workerd) and costs no
 * connection attempt.
 */

function privateIpv4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

function privateIpv6(host: string): boolean {
  if (!host.startsWith('[')) return false;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::' || ip === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return privateIpv4(mapped[1]!);
  return /^(fc|fd|fe8|fe9|fea|feb)/.test(ip) || ip.startsWith('::ffff:');
}

/** True when `clientId` is a URL whose host is literally not a public address. */
export function isNonPublicClientIdUrl(clientId: string): boolean {
  if (!/^https?:\/\//i.test(clientId)) return false;
  let host: string;
  try {
    host = new URL(clientId).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return privateIpv4(host) || privateIpv6(host);
}
