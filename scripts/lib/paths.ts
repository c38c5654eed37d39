import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-chatwoot-api';

/** The repository root, found from the compiled script's location (build/tools/scripts/...) upwards. */
export function repoRoot(start = __dirname): string {
	let dir = start;
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${start}`);
		dir = parent;
	}
}

export const examplesDir = () => join(repoRoot(), 'examples');
