import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
	if (process.env.CHATWOOT_TEST_OWNS_USER_FOLDER === 'true' && process.env.N8N_USER_FOLDER) {
		rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
	}
}
