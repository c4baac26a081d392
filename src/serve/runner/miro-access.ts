/** The Miro access of one person: their stored login, refreshed before expiry and once after a 401. */
import { StoredLoginProvider } from '../../auth/index.js';
import type { DatabaseTokenStore, MiroIdentity } from '../auth/database-token-store.js';
import type { ServeSettings } from '../settings.js';
import type { MiroAccess } from './pipeline-adapter.js';

export function miroAccessOf(settings: ServeSettings, tokens: DatabaseTokenStore, identity: MiroIdentity): MiroAccess {
  return {
    apiBaseUrl: settings.urls.apiBaseUrl,
    credentials: new StoredLoginProvider({
      store: tokens.forIdentity(identity),
      clientId: settings.app.clientId,
      clientSecret: settings.app.clientSecret,
      apiBaseUrl: settings.urls.apiBaseUrl,
    }),
  };
}
