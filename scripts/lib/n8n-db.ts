/**
 * Reads which workflows and credentials an n8n user folder already holds, straight from its SQLite
 * database (n8n's tables `workflow_entity` and `credentials_entity`, the same in 1.x and 2.x). Node 24's
 * built-in `node:sqlite` answers in milliseconds where an `n8n export:*` command would start n8n.
 * Only ids are read; n8n must not be running on the folder at the same time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { run } from './proc';
import { n8nDataDir, type N8nRuntime, type UserFolder } from './n8n-runtime';

export interface StoredIds {
	workflows: Set<string>;
	credentials: Set<string>;
}

const QUERY = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1], { readOnly: true });
const ids = (table) => {
	const found = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
	return found ? db.prepare('SELECT id FROM ' + table).all().map((row) => String(row.id)) : [];
};
console.log(JSON.stringify({ workflows: ids('workflow_entity'), credentials: ids('credentials_entity') }));
db.close();
`;

export async function storedIds(runtime: N8nRuntime, folder: UserFolder): Promise<StoredIds> {
	const database = join(n8nDataDir(folder), 'database.sqlite');
	if (!existsSync(database)) return { workflows: new Set(), credentials: new Set() };
	const { stdout } = await run(runtime.nodeBin, ['--no-warnings', '-e', QUERY, database], { timeoutMs: 30_000 });
	const parsed = JSON.parse(stdout) as { workflows: string[]; credentials: string[] };
	return { workflows: new Set(parsed.workflows), credentials: new Set(parsed.credentials) };
}
