/**
 * A test double of Miro's Web SDK global, installed in the page before its own scripts: only the calls
 * the board app makes, with their documented shapes (`@mirohq/websdk-types`). It signs id tokens like
 * Miro (HS256 with the app's client secret, via WebCrypto), knows the board's items the test gives it,
 * and records every call for the test to check.
 */
import type { Page } from 'playwright-core';

export interface DoubleOptions {
  boardId: string;
  clientId: string;
  clientSecret: string;
  userId: string;
  teamId: string;
}

/** A board item as the SDK returns it (the fields the app reads). */
export interface DoubleItem {
  id: string;
  type: string;
}

export interface RecordedCall {
  method: string;
  args: unknown[];
}

export async function installMiroDouble(page: Page, options: DoubleOptions): Promise<void> {
  await page.addInitScript((o: DoubleOptions) => {
    const calls: { method: string; args: unknown[] }[] = [];
    const items = new Map<string, { id: string; type: string }>();
    const handlers = new Map<string, (() => void)[]>();
    const record = (method: string, ...args: unknown[]) => calls.push({ method, args: JSON.parse(JSON.stringify(args ?? [])) as unknown[] });
    const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const text = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));
    const ids = (filter: { id?: string | string[] } | undefined) => (filter?.id === undefined ? [...items.keys()] : Array.isArray(filter.id) ? filter.id : [filter.id]);
    const found = (filter: { id?: string | string[] } | undefined) => ids(filter).flatMap((id) => (items.has(id) ? [items.get(id)!] : []));
    const w = globalThis as unknown as Record<string, unknown>;
    w['__miroDouble'] = {
      calls,
      setItems: (list: { id: string; type: string }[]) => {
        items.clear();
        for (const item of list) items.set(item.id, item);
      },
      fire: (event: string) => (handlers.get(event) ?? []).forEach((handler) => handler()),
    };
    w['miro'] = {
      board: {
        getInfo: async () => {
          record('board.getInfo');
          return { id: o.boardId, locale: 'en', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
        },
        getIdToken: async () => {
          record('board.getIdToken');
          const now = Math.floor(Date.now() / 1000);
          const signingInput = `${text({ alg: 'HS256', typ: 'JWT' })}.${text({ iss: 'miro', sub: o.userId, aud: o.clientId, user: o.userId, team: o.teamId, iat: now, exp: now + 600 })}`;
          const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(o.clientSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
          const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput)));
          return `${signingInput}.${b64url(signature)}`;
        },
        get: async (filter?: { id?: string | string[] }) => {
          record('board.get', filter);
          return found(filter);
        },
        select: async (filter?: { id?: string | string[] }) => {
          record('board.select', filter);
          return found(filter);
        },
        deselect: async (filter?: { id?: string | string[] }) => {
          record('board.deselect', filter);
          return [];
        },
        viewport: {
          zoomTo: async (target: unknown) => {
            record('board.viewport.zoomTo', target);
          },
        },
        ui: {
          on: (event: string, handler: () => void) => {
            record('board.ui.on', event);
            handlers.set(event, [...(handlers.get(event) ?? []), handler]);
          },
          openPanel: async (panel: { url: string }) => {
            record('board.ui.openPanel', panel);
            return { waitForClose: async () => undefined };
          },
        },
      },
    };
  }, options);
}

export async function setBoardItems(page: Page, items: DoubleItem[]): Promise<void> {
  await page.evaluate((list) => (globalThis as unknown as { __miroDouble: { setItems(l: DoubleItem[]): void } }).__miroDouble.setItems(list), items);
}

export async function recordedCalls(page: Page, method?: string): Promise<RecordedCall[]> {
  const calls = await page.evaluate(() => (globalThis as unknown as { __miroDouble: { calls: RecordedCall[] } }).__miroDouble.calls);
  return method === undefined ? calls : calls.filter((call) => call.method === method);
}
