/**
 * Which proxy a request to Miro goes through, by the variables every HTTP tool reads: `HTTPS_PROXY` for
 * https:// URLs, `HTTP_PROXY` for http:// ones, `ALL_PROXY` for either (lower-case names too), and
 * `NO_PROXY`: a comma-separated list of hosts (`example.com` also covers its subdomains, as in curl;
 * a leading `.` or `*.` is the same), `host:port`, or `*` for every host.
 */

export function proxyFor(target: string, env: NodeJS.ProcessEnv): URL | null {
  const url = new URL(target);
  const scheme = url.protocol.replace(/:$/, '');
  const proxy = variable(env, `${scheme}_proxy`) || variable(env, 'all_proxy');
  if (proxy === '' || bypassed(url, variable(env, 'no_proxy'))) return null;
  try {
    return new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
  } catch {
    // Never echo the value: a proxy URL may hold a password.
    throw Object.assign(new TypeError(`${scheme.toUpperCase()}_PROXY is not a URL such as http://proxy.example.com:3128`), {
      code: `ERR_INVALID_PROXY (${scheme.toUpperCase()}_PROXY is not a URL)`,
    });
  }
}

function variable(env: NodeJS.ProcessEnv, name: string): string {
  return (env[name.toLowerCase()] || env[name.toUpperCase()] || '').trim();
}

function bypassed(url: URL, noProxy: string): boolean {
  if (noProxy === '') return false;
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.split(/[,\s]+/).some((entry) => {
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase())!;
    const name = match[1]!.replace(/^\*?\./, '').replace(/^\[(.*)\]$/, '$1');
    if (name === '' || (match[2] !== undefined && match[2] !== port)) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}
