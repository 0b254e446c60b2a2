/** A page for errors the user can act on (not found, forbidden, upstream trouble). */
import type { FC } from 'hono/jsx';
import { paths } from '../paths';
import { Layout, Notice, type Viewer } from './layout';

export const ErrorPage: FC<{ viewer?: Viewer | null; title: string; message: string }> = ({
  viewer,
  title,
  message,
}) => (
  <Layout title={title} viewer={viewer ?? null}>
    <h1>{title}</h1>
    <Notice kind="error">{message}</Notice>
    <p>
      <a href={viewer ? paths.accounts : paths.signIn}>{viewer ? 'Back to accounts' : 'Sign in'}</a>
    </p>
  </Layout>
);
