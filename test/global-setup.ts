/**
 * One n8n user folder for the whole run (n8n-core writes an instance config into it as soon as it
 * loads), removed again by global-teardown.ts, so a run leaves nothing in the temp dir.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
	if (!process.env.N8N_USER_FOLDER) {
		process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-chatwoot-test-'));
		process.env.CHATWOOT_TEST_OWNS_USER_FOLDER = 'true';
	}
}
