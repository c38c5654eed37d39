/** Steps in n8n's editor UI (the same on 1.123 and 2.40), located the way n8n's own Playwright tests locate them (data-test-id). */
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { info } from './log';
import type { Owner } from './n8n-runtime';

export async function signIn(page: Page, editorUrl: string, owner: Owner, shots?: string): Promise<void> {
	await page.goto(`${editorUrl}/signin`, { waitUntil: 'domcontentloaded' });
	const email = page.getByTestId('emailOrLdapLoginId').locator('input');
	await email.waitFor({ timeout: 30_000 });
	// With the owner managed by env there must be no owner set-up wizard in the way.
	if (page.url().includes('/setup')) throw new Error(`n8n shows its owner sign-up screen (${page.url()})`);
	await email.fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	if (shots) await screenshot(page, shots, '01-signin');
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	// The app shell renders skeletons until its first API calls return.
	await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
	if (shots) await screenshot(page, shots, '02-signed-in');
}

export async function openWorkflow(page: Page, editorUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${editorUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.getByTestId('canvas-node').first().waitFor({ timeout: 30_000 });
}

export async function openNode(page: Page, nodeName: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
	await page.getByTestId('ndv').waitFor({ timeout: 15_000 });
}

/**
 * Opens a resource locator's "From List" mode (switching to it first: a workflow saved when the
 * parameter was a plain dropdown holds a bare ID, which the editor shows without a mode), waits for
 * its remotely loaded entries and returns their texts. The value is kept: switching modes keeps it.
 */
export async function locatorOptions(page: Page, parameterName: string, screenshot?: string): Promise<string[]> {
	const locator = page.getByTestId(`resource-locator-${parameterName}`);
	await locator.getByTestId('rlc-mode-selector').click();
	await page.getByTestId('mode-list').filter({ visible: true }).click();
	const items = page.getByTestId('rlc-item').filter({ visible: true });
	for (let attempt = 1; ; attempt++) {
		await locator.getByTestId('rlc-input').click();
		try {
			await items.first().waitFor({ timeout: 5_000 });
			break;
		} catch (error) {
			if (attempt === 4) throw error;
			info(`  ${parameterName}: no list entries after click ${attempt}, clicking again`);
			await page.keyboard.press('Escape');
		}
	}
	if (screenshot) {
		await page.waitForTimeout(400);
		await page.screenshot({ path: screenshot });
	}
	const texts = (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
	await page.keyboard.press('Escape');
	// The list closes on a click outside it: the locator's own label is outside and does nothing.
	if (await items.first().isVisible().catch(() => false)) {
		await page.getByTestId('ndv').getByText(parameterName === 'accountId' ? 'Account' : 'Inbox', { exact: true }).first().click();
	}
	return texts;
}

/** Clicks "Execute step" in the open node and returns the output panel's text once items are shown. */
export async function executeOpenNode(page: Page, expectText: string, timeoutMs = 90_000): Promise<string> {
	await page.getByTestId('node-execute-button').first().click();
	const output = page.getByTestId('output-panel');
	await output.getByText(expectText, { exact: false }).first().waitFor({ timeout: timeoutMs });
	return await output.innerText();
}

export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
	const path = join(dir, `${name}.png`);
	await page.screenshot({ path });
	return path;
}
