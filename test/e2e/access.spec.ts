import { expect, test } from './serve-fixture';
import { openApp } from './ui';

const UNAUTHORISED =
  'This request is not authorised. Open the address Switchyard printed, with its token.';

test('the server root without the token is refused with a way forward', async ({
  request,
  app,
}) => {
  const response = await request.get(`${app.origin}/`);
  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toContain('text/html');
  const body = await response.text();
  expect(body).toContain(UNAUTHORISED);
  expect(body).toContain('printed in the terminal');
  expect(body).not.toContain(app.token);
});

test('a wrong token is refused as well', async ({ request, app }) => {
  const response = await request.get(`${app.origin}/?token=not-the-token`, { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect(response.headers()['set-cookie']).toBeUndefined();
});

test('a browser without the token sees the refusal page, not the app', async ({ page, app }) => {
  const response = await page.goto(`${app.origin}/#/settings`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Not authorised' })).toBeVisible();
  await expect(page.getByText(UNAUTHORISED)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});

test('the API refuses calls without the session', async ({ request, app }) => {
  const response = await request.post(`${app.origin}/api/call/workflows:list`, { data: {} });
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({
    ok: false,
    error: { code: 'unauthorized', message: UNAUTHORISED },
  });
});

test('an API call from a foreign Origin is refused even with the token', async ({
  request,
  app,
}) => {
  const headers = { authorization: `Bearer ${app.token}` };
  // The same call from our own origin goes through…
  const own = await request.post(`${app.origin}/api/call/workflows:list`, {
    data: {},
    headers: { ...headers, origin: app.origin },
  });
  expect(own.status()).toBe(200);
  expect(await own.json()).toEqual({ ok: true, value: [] });

  // …but not from another site: a cross-site request must never reach the engine.
  const foreign = await request.post(`${app.origin}/api/call/workflows:save`, {
    data: { name: 'Planted', description: '', definition: { trigger: null, steps: [] } },
    headers: { ...headers, origin: 'https://evil.example' },
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({
    ok: false,
    error: { code: 'forbidden_origin', message: 'Requests from https://evil.example are refused.' },
  });
  const after = await request.post(`${app.origin}/api/call/workflows:list`, { data: {}, headers });
  expect(await after.json()).toEqual({ ok: true, value: [] });
});

test('opening the printed address signs the browser in and drops the token from the URL', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  expect(page.url()).not.toContain(app.token);
  const cookies = await page.context().cookies(app.origin);
  expect(cookies).toEqual([
    expect.objectContaining({ value: app.token, httpOnly: true, sameSite: 'Strict' }),
  ]);
});
