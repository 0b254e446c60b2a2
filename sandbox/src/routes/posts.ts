/** Posts: create (in a new or existing conversation) and delete. */
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, me, notFound, nowSeconds, readBody, type SandboxEnv } from '../http';
import { postJson } from '../serialize';
import { data } from '../store';
import type { Post } from '../types';
import { applyConversationActions, checkActionCombinations, ConversationActionFields } from './conversation-actions';
import { newConversation, targetConversation } from './writes-common';

export const postRoutes = new Hono<SandboxEnv>();

const PostCreateBody = z.object({
  posts: z.object({
    conversation: z.string().optional(),
    references: z.array(z.string()).optional(),
    text: z.string().optional(),
    markdown: z.string().optional(),
    attachments: z.array(z.record(z.string(), z.unknown())).optional(),
    notification: z.object({ title: z.string(), body: z.string() }),
    username: z.string().optional(),
    username_icon: z.string().optional(),
    conversation_icon: z.string().optional(),
    ...ConversationActionFields,
  }),
});

postRoutes.post('/posts', async (c) => {
  const { posts: input } = await readBody(c, PostCreateBody);
  if (!input.text && !input.markdown && !input.attachments?.length) {
    throw new ApiError(400, 'A post needs text, markdown or at least one attachment');
  }
  checkActionCombinations(input);
  const cv =
    targetConversation(c, input.conversation, input.references) ??
    newConversation(c, input.organization, input.conversation_subject ?? input.notification.title);
  applyConversationActions(c, cv, input);
  const post: Post = {
    id: crypto.randomUUID(),
    conversation: cv.id,
    username: input.username ?? null,
    username_icon: input.username_icon ?? null,
    text: input.text ?? null,
    markdown: input.markdown ?? null,
    notification: input.notification,
    attachments: input.attachments ?? [],
    created_at: nowSeconds(),
    deleted: false,
  };
  data().posts.set(post.id, post);
  return c.json({ posts: postJson(post) }, 201);
});

postRoutes.delete('/posts/:id', (c) => {
  const post = data().posts.get(c.req.param('id'));
  const cv = post ? data().conversations.get(post.conversation) : undefined;
  if (!post || post.deleted || !cv || !me(c).organizations.includes(cv.organization)) throw notFound('Post');
  post.deleted = true;
  return c.json({});
});
