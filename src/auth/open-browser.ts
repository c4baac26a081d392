import { spawn } from 'node:child_process';

/** Opens `url` in the person's browser; resolves false when there is no way to (then the URL is printed). */
export type BrowserOpener = (url: string) => Promise<boolean>;

/**
 * The platform's opener (`open`, `xdg-open`, Windows' URL handler), started without a shell so that
 * nothing in the URL is interpreted, and detached so that the login never waits for the browser.
 * A missing opener is not an error: the opener resolves false and the login prints the address.
 */
export function systemBrowserOpener(options: { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv } = {}): BrowserOpener {
  const platform = options.platform ?? process.platform;
  return (url) => {
    const [command, args] = openerFor(platform, url);
    return new Promise((resolve) => {
      let child;
      try {
        child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true, shell: false, ...(options.env ? { env: options.env } : {}) });
      } catch {
        resolve(false);
        return;
      }
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
  };
}

export const openSystemBrowser: BrowserOpener = systemBrowserOpener();

function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  switch (platform) {
    case 'darwin':
      return ['open', [url]];
    case 'win32':
      // `start` only exists inside cmd, which would parse the `&`s of the URL; this is the shell-free equivalent.
      return ['rundll32', ['url.dll,FileProtocolHandler', url]];
    default:
      return ['xdg-open', [url]];
  }
}
