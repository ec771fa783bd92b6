/** The HTTP API as the CLI starts it: the server (Hono app, routes, dashboard assets). */
export { apiResources } from './app.ts';
export { startServer } from './server.ts';
export { ensureWebBuild } from './web-assets.ts';
