/** A person's browser against `serve`: a cookie jar, redirects followed by hand, and Miro's consent page answered by the emulator. */
import type { MiroEmulator } from '../../../scripts/miro-emulator/index.js';
import { emulatorOAuth } from '../../../scripts/miro-emulator/oauth.js';

export interface Answer {
  status: number;
  location: string | null;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  async request(method: string, path: string, init: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; origin?: string | null } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const origin = init.origin === undefined ? this.origin : init.origin;
    if (method !== 'GET' && origin !== null) headers['origin'] = origin;
    let body: string | undefined;
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const url = path.startsWith('http') ? path : `${this.origin}${path}`;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    if (url.startsWith(this.origin)) this.#keep(response);
    const text = await response.text();
    return { status: response.status, location: response.headers.get('location'), body: text, json: <T>() => JSON.parse(text) as T };
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  post(path: string, body?: unknown, options: { origin?: string | null } = {}): Promise<Answer> {
    return this.request('POST', path, { body: body ?? {}, ...options });
  }

  /** Starts the sign-in, lets Miro (the emulator) approve it, and returns the callback address with code and state. */
  async consent(emulator: MiroEmulator, person: MiroPerson): Promise<URL> {
    emulatorOAuth(emulator.tokens).configure({ user: { id: person.userId, name: person.name }, team: { id: person.teamId, name: `Team ${person.teamId}` } });
    const start = await this.get('/auth/miro');
    if (start.status !== 302 || start.location === null) throw new Error(`GET /auth/miro answered ${start.status}`);
    const authorize = await fetch(start.location, { redirect: 'manual' });
    await authorize.body?.cancel();
    const callback = authorize.headers.get('location');
    if (authorize.status !== 302 || callback === null) throw new Error(`Miro's consent page answered ${authorize.status}`);
    return new URL(callback);
  }

  async signIn(emulator: MiroEmulator, person: MiroPerson): Promise<void> {
    const callback = await this.consent(emulator, person);
    const done = await this.get(callback.pathname + callback.search);
    if (done.status !== 303) throw new Error(`the callback answered ${done.status}: ${done.body}`);
  }

  #keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || attributes.some((a) => /^\s*max-age=0\b/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
  }
}

export interface MiroPerson {
  userId: string;
  teamId: string;
  name: string;
}
