/**
 * The Settings screen in Chromium against `serve`: there the Automation API is always on, so the
 * screen says where it is served and that the switch does not apply, offers no token (serve's is
 * PACKDESK_API_TOKEN), and links to the API documentation that answers offline.
 */
import { expect, test } from './serve-fixture';

test('settings under serve: the Automation API is always on, managed by serve', async ({ app: page, served }) => {
  await page.getByTestId('sample-orders').click();
  await expect(page.getByTestId('tab-count-all')).toHaveText('38');

  await page.getByTestId('nav-settings').click();
  const origin = new URL(served.url).origin;
  const section = page.getByTestId('automation-settings');
  await expect(section).toBeVisible();
  await expect(page.getByTestId('automation-state')).toContainText(`serving at ${origin}`);
  await expect(page.getByTestId('automation-state')).toContainText('npm run serve');
  await expect(page.getByTestId('automation-enabled')).toBeChecked();
  await expect(page.getByTestId('automation-enabled')).toBeDisabled();
  await expect(page.getByTestId('automation-port')).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Show token' })).toHaveCount(0);
  await expect(page.getByTestId('automation-docs')).toHaveAttribute('href', `${origin}/api/docs`);
  await page.screenshot({ path: 'test-results/settings-serve.png' });

  const docs = await fetch(`${origin}/api/docs`);
  expect(docs.status).toBe(200);
  // The contract call says the same to a script, and refuses to hand out or change a token here.
  const token = await served.rpc('automation.token', {});
  expect(token.body).toMatchObject({ ok: false, error: { code: 'conflict' } });
});
