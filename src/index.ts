/** Worker entry: wiring only. */
import { createApp } from './app';
import type { Bindings } from './env';

export { AccountAuthority } from './durable/account-authority';

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
