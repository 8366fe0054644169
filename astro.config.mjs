// Astro renders the pages only; the Hono server in src/server is the HTTP front and hands page
// requests to Astro's middleware handler, so headers, request ids and errors are shared.
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  // External stylesheets only: the Content-Security-Policy forbids inline styles and scripts.
  build: { inlineStylesheets: 'never' },
  // Hono's csrf() checks the Origin of form posts in front of Astro (see src/server/app.ts): Astro's
  // own check needs the public host names listed in advance, which a self-hosted office should not.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
});
