/** Missive sandbox entry: wiring only. */
import { Hono } from 'hono';

const app = new Hono();
app.get('/v1/users', (c) =>
  c.req.header('Authorization')?.startsWith('Bearer ') ? c.json({ users: [] }) : c.json({ error: 'unauthorized' }, 401),
);

export default app;
