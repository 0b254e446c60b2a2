/** Attachment downloads: the `url` of message and comment attachments points here (no auth, like signed URLs). */
import { Hono } from 'hono';
import { fileBytes } from '../seed/files';
import { data } from '../store';
import type { SandboxEnv } from '../http';

export const fileRoutes = new Hono<SandboxEnv>();

fileRoutes.get('/files/:id/:filename', (c) => {
  const attachment = data().attachments.get(c.req.param('id'));
  if (!attachment || attachment.filename !== c.req.param('filename')) {
    return c.json({ error: 'File not found' }, 404);
  }
  const bytes = fileBytes(attachment.source);
  return new Response(bytes, {
    status: 200,
    headers: {
      'Content-Type': attachment.content_type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${attachment.filename.replace(/"/g, '')}"`,
      'Cache-Control': 'private, max-age=300',
    },
  });
});
