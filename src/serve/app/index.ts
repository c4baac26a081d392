/**
 * The board app: a Miro Web SDK panel served by `serve` at /app (the app's SDK URL), its one-step SDK
 * authorization (the redirect URI marked "Use this URI for SDK authorization") and the panel's API,
 * authenticated by the SDK's id token.
 */
import type { FastifyInstance } from 'fastify';
import type { ServeContext } from '../context.js';
import type { PanelAssets } from './assets.js';
import { registerAppPages } from './pages.js';
import { registerPanelApi } from './panel-api.js';
import { registerSdkAuthorization } from './sdk-authorization.js';

export { loadPanelAssets, type PanelAssets } from './assets.js';
export { SDK_REDIRECT_PATH, sdkRedirectUri } from './sdk-authorization.js';

export async function registerBoardApp(app: FastifyInstance, ctx: ServeContext, assets: PanelAssets): Promise<void> {
  registerAppPages(app, ctx, assets);
  registerSdkAuthorization(app, ctx);
  await registerPanelApi(app, ctx);
}
