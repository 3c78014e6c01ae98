// Microsoft Entra sign-in for the workbench in Azure: the OAuth 2.0 authorization code flow with PKCE
// (RFC 7636) as a public single-page client, against the app registration that exposes Rules.Publish.
// No secret exists. The access token lives in this closure only; sessionStorage holds the PKCE verifier
// and state only while the tab is away at the sign-in page, and loses them on return.
'use strict';
window.LenaSignIn = (() => {
  const PENDING = 'lena.signin.pending';
  const SIGNED_OUT = 'lena.signin.signedOut';
  const REFRESH_MARGIN_MS = 120000;
  let config = { enabled: false };
  let session = null; // { accessToken, expiresAt, refreshToken, name }
  let sessionEnded = false; // signed in earlier in this tab, and the token could not be renewed

  const base64Url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const random = (length) => base64Url(crypto.getRandomValues(new Uint8Array(length)));
  // Exactly the URI registered for the app registration (the hook adds <app>/api/workbench), whatever path opened the page.
  const redirectUri = () => location.origin + '/api/workbench';
  const scopes = () => `openid profile offline_access ${config.scope}`;

  // The name shown beside "Sign out": read from the ID token for display only; the API checks the access token itself.
  function displayName(idToken) {
    try {
      const bytes = Uint8Array.from(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const payload = JSON.parse(new TextDecoder().decode(bytes));
      return payload.name || payload.preferred_username || null;
    } catch {
      return null;
    }
  }

  async function signIn() {
    const verifier = random(32);
    const state = random(16);
    const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier }));
    sessionStorage.removeItem(SIGNED_OUT);
    const query = new URLSearchParams({
      client_id: config.clientId, response_type: 'code', response_mode: 'fragment', redirect_uri: redirectUri(),
      scope: scopes(), state, code_challenge: challenge, code_challenge_method: 'S256',
    });
    location.assign(`${config.authority}/authorize?${query}`);
  }

  function signOut() {
    session = null;
    sessionStorage.setItem(SIGNED_OUT, '1');
    location.assign(`${config.authority}/logout?${new URLSearchParams({ post_logout_redirect_uri: redirectUri() })}`);
  }

  /** Null when a token was obtained; otherwise why not. */
  async function tokenRequest(fields) {
    let response;
    try {
      response = await fetch(`${config.authority}/token`, {
        method: 'POST', cache: 'no-store', credentials: 'omit',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: config.clientId, scope: scopes(), ...fields }),
      });
    } catch {
      return 'Microsoft Entra ID cannot be reached.';
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok || typeof json.access_token !== 'string') return json.error_description || json.error || `The token endpoint answered ${response.status}.`;
    session = {
      accessToken: json.access_token,
      expiresAt: Date.now() + Number(json.expires_in || 0) * 1000,
      refreshToken: json.refresh_token || (session && session.refreshToken) || null,
      name: displayName(json.id_token || '') || (session && session.name) || 'signed-in user',
    };
    return null;
  }

  /**
   * Reads the page's sign-in settings and finishes or starts a sign-in. Resolves to
   * { enabled: false } locally, { enabled: true, name } when signed in, { enabled: true, signedOut: true }
   * after a sign-out, { enabled: true, error } when sign-in failed; navigates away to sign in otherwise.
   */
  async function start() {
    try {
      const response = await fetch('/api/workbench/sign-in.json', { cache: 'no-store' });
      config = response.ok ? await response.json() : { enabled: false };
    } catch {
      config = { enabled: false };
    }
    if (!config.enabled) return { enabled: false };

    const answer = new URLSearchParams(location.hash.slice(1));
    if (answer.has('code') || answer.has('error')) {
      // The one-time code leaves the address bar and the history at once.
      history.replaceState(null, '', location.pathname + location.search);
      const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
      sessionStorage.removeItem(PENDING);
      if (answer.has('error')) return { enabled: true, error: answer.get('error_description') || answer.get('error') };
      if (!pending || pending.state !== answer.get('state')) return { enabled: true, error: 'The sign-in answer does not belong to this tab.' };
      const failure = await tokenRequest({ grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier });
      return failure ? { enabled: true, error: failure } : { enabled: true, name: session.name };
    }
    if (sessionStorage.getItem(SIGNED_OUT)) return { enabled: true, signedOut: true };
    await signIn();
    return { enabled: true, redirecting: true };
  }

  /** The current access token, refreshed shortly before it expires; null when not signed in. */
  async function accessToken() {
    if (!session) return null;
    if (Date.now() < session.expiresAt - REFRESH_MARGIN_MS) return session.accessToken;
    if (session.refreshToken && !(await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }))) return session.accessToken;
    session = null;
    sessionEnded = true;
    return null;
  }

  return { start, signIn, signOut, accessToken, get enabled() { return config.enabled === true; }, get sessionEnded() { return sessionEnded; } };
})();
