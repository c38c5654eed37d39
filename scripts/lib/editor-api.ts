import type { Owner } from './n8n-runtime';

/** Signs in through the editor's REST API and returns the session cookie. */
export async function restLogin(editorUrl: string, owner: Owner): Promise<string> {
	const response = await fetch(`${editorUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		signal: AbortSignal.timeout(15_000),
	});
	if (!response.ok) throw new Error(`login as ${owner.email} answered ${response.status}: ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login set no n8n-auth cookie');
	return cookie.split(';')[0];
}

/** The node types the editor offers (the same list its node panel is built from). */
export async function listNodeTypes(editorUrl: string, cookie: string): Promise<Array<{ name: string; displayName: string }>> {
	const response = await fetch(`${editorUrl}/types/nodes.json`, {
		headers: { Cookie: cookie },
		signal: AbortSignal.timeout(30_000),
	});
	if (!response.ok) throw new Error(`/types/nodes.json answered ${response.status}`);
	return (await response.json()) as Array<{ name: string; displayName: string }>;
}
