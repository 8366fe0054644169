// Astro renders the pages only; the Hono server in src/server is the HTTP front and hands page
// requests to Astro's middleware handler, so headers, request ids and errors are shared.
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // Each page is rendered whole and sent with its length: streaming copied every page's bytes
  // once more and made a stream per request, 8–10 % of a page's CPU, for pages that render in
  // about a millisecond (decision 0048, tests/e2e/pages-are-sent-whole.test.ts).
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  // External stylesheets only: the Content-Security-Policy forbids inline styles and scripts.
  build: { inlineStylesheets: 'never' },
  // Hono's csrf() checks the Origin of form posts in front of Astro (see src/server/app.ts): Astro's
  // own check needs the public host names listed in advance, which a self-hosted office should not.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
});
