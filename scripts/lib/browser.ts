import { existsSync } from 'node:fs';

import { makeTempDir, removeTempDir } from './temp';

import { chromium, selectors, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

/** Debian's Chromium with a throwaway profile; playwright-core only drives it, it downloads nothing. */
export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`No Chromium at ${CHROMIUM_PATH}. Install it with: sudo apt-get install -y chromium ` +
				'(or point CHROMIUM_PATH at another Chromium/Chrome binary).',
		);
	}
	// n8n's editor marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const profile = await makeTempDir('chromium-profile-');
	try {
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1600, height: 1000 },
			timeout: 60_000,
		});
		return {
			context,
			async close() {
				await context.close().catch(() => undefined);
				await removeTempDir(profile);
			},
		};
	} catch (error) {
		await removeTempDir(profile);
		throw error;
	}
}
