import { join } from 'node:path';

import { repoRoot } from './paths';
import { run } from './proc';

/** `npm pack` of the already built project: exactly the files a user would install from npm. */
export async function packProject(destination: string): Promise<string> {
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: repoRoot(),
		timeoutMs: 120_000,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
	if (!packed.files.some((file) => file.path.startsWith('dist/nodes/'))) {
		throw new Error('the packed tarball holds no dist/nodes: run `npm run build` first');
	}
	return join(destination, packed.filename);
}
