/** Steps in n8n's editor UI (the same on 1.123 and 2.40), located the way n8n's own Playwright tests locate them (data-test-id). */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

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

/** The kind of input the editor drew for a parameter (or a mapped field), told by its widget. */
export type InputKind = 'text' | 'number' | 'date' | 'select' | 'switch' | 'unknown';

export interface MappedField {
	label: string;
	input: InputKind;
}

const mappingFields = (page: Page) => page.getByTestId('mapping-fields-container');

/** Waits until the open node's resource mapper has loaded its fields (its "Add … to send" control or a field is shown). */
export async function waitForResourceMapper(page: Page, timeoutMs = 30_000): Promise<void> {
	await mappingFields(page).waitFor({ timeout: timeoutMs });
	await mappingFields(page)
		.locator('[data-test-id="add-fields-select"], .parameter-item')
		.first()
		.waitFor({ timeout: timeoutMs });
}

/** The entries of an open select or menu. The sidebar's own menu (el-menu items) counts as visible behind the node's panel: it is not one. */
const listEntries = (page: Page) =>
	page.locator('[role="option"], [role="menu"] [role="menuitem"]:not(.el-sub-menu):not(.el-menu-item)').filter({ visible: true });

/** Clicks a control and waits for visible entries of the list it opens; a click during an animation may open nothing. */
async function openList(page: Page, click: () => Promise<void>, what: string) {
	const entries = listEntries(page);
	for (let attempt = 1; ; attempt++) {
		await click();
		try {
			await entries.first().waitFor({ timeout: 5_000 });
			return entries;
		} catch (error) {
			if (attempt === 3) throw error;
			info(`  ${what}: no entries after click ${attempt}, clicking again`);
		}
	}
}

const entryTexts = async (entries: Locator) =>
	(await entries.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);

/**
 * Adds every field the resource mapper offers, one after the other through its "Add … to send" control as a
 * user would, and returns the list that control offered first. n8n 1.x draws the control as a select
 * (options); 2.x as a button opening a menu (menu items), and once one field is left, as a button that adds
 * it at once. Entries are chosen, never dismissed with Escape: in 2.x that Escape also closes the node's panel.
 */
export async function resourceMapperAddEach(page: Page, screenshotPath?: string): Promise<string[]> {
	const control = mappingFields(page).getByTestId('add-fields-select').locator('button, input').first();
	const rows = mappingFields(page).locator('.parameter-item');
	const entries = listEntries(page);
	let offered: string[] | undefined;
	for (let added = 0; offered === undefined || added < offered.length; added++) {
		const before = await rows.count();
		let outcome: 'list' | 'added' | undefined;
		for (let attempt = 1; !outcome; attempt++) {
			await control.click();
			// A click while the panel is still sliding in opens nothing: then click again.
			for (const deadline = Date.now() + 5_000; !outcome && Date.now() < deadline; await page.waitForTimeout(100)) {
				if ((await rows.count()) > before) outcome = 'added';
				else if ((await entries.count()) > 0) outcome = 'list';
			}
			if (!outcome && attempt === 3) throw new Error(`the "Add … to send" control neither opened a list nor added a field (${before} added so far)`);
		}
		if (outcome === 'list') {
			if (!offered) {
				if (screenshotPath) {
					// Let the list's fade-in finish so the picture shows it fully drawn.
					await page.waitForTimeout(400);
					await page.screenshot({ path: screenshotPath });
				}
				offered = await entryTexts(entries);
			}
			await entries.first().click();
			await rows.nth(before).waitFor({ timeout: 10_000 });
		} else if (!offered) {
			offered = [((await rows.nth(before).locator('label').first().textContent()) ?? '').replace(/\s+/g, ' ').trim()];
		}
	}
	return offered;
}

/** Each field the mapper shows: its label and the kind of input drawn for it. */
export async function resourceMapperFields(page: Page): Promise<MappedField[]> {
	return await mappingFields(page)
		.locator('.parameter-item')
		.evaluateAll((rows) =>
			rows.map((row) => {
				// The label also holds the field's option controls (Fixed / Expression): read it without them.
				const source = row.querySelector('label') ?? row.querySelector('.n8n-input-label');
				const labelElement = source?.cloneNode(true) as typeof source;
				const controls = labelElement?.querySelectorAll('[data-test-id$="options-container"], button, [role="radiogroup"]') ?? [];
				for (const control of Array.from(controls) as Array<{ remove(): void }>) control.remove();
				const label = (labelElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
				const has = (selector: string) => row.querySelector(selector) !== null;
				const input = has('.el-switch')
					? 'switch'
					: has('.el-input-number, [role="spinbutton"], input[type="number"]')
						? 'number'
						: has('.el-date-editor')
							? 'date'
							: has('.el-select') || has('[role="combobox"]')
								? 'select'
								: has('input, textarea, [contenteditable="true"]')
									? 'text'
									: 'unknown';
				return { label, input };
			}),
		);
}

/** Opens the dropdown of the mapped field with this label, returns its options, and picks `choose` among them. */
export async function resourceMapperFieldOptions(page: Page, label: string, choose: string, screenshotPath?: string): Promise<string[]> {
	const row = mappingFields(page).locator('.parameter-item').filter({ hasText: label }).first();
	const select = row.locator('.el-select, [role="combobox"]').first();
	const entries = await openList(page, async () => await select.click(), `"${label}" dropdown`);
	if (screenshotPath) {
		await page.waitForTimeout(400);
		await page.screenshot({ path: screenshotPath });
	}
	const texts = await entryTexts(entries);
	const wanted = entries.filter({ hasText: choose }).first();
	if (texts.includes(choose)) await wanted.click();
	return texts;
}

/** Writes the HTML of the element (or the page) next to the screenshots, to see what a selector missed. */
export async function saveHtml(page: Page, dir: string, name: string, testId?: string): Promise<string> {
	const path = join(dir, `${name}.html`);
	const html = testId ? await page.getByTestId(testId).first().evaluate((element) => element.outerHTML) : await page.content();
	await writeFile(path, html);
	return path;
}
