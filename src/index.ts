/** Worker entry: wiring only. */
import { createApp } from './app';
import type { Bindings } from './env';
import { runScheduled } from './scheduled';

export { AccountAuthority } from './durable/account-authority';

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
} satisfies ExportedHandler<Bindings>;
