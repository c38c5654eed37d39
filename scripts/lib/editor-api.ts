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

/**
 * n8n 2.x takes the owner account from env (N8N_INSTANCE_OWNER_*); n8n 1.x has no such setting and shows
 * its sign-up screen until an owner exists. There the account is created through the same REST call the
 * sign-up screen makes, once per user folder, so that both versions open on the sign-in page.
 */
export async function ensureOwner(editorUrl: string, owner: Owner): Promise<'already set up' | 'created'> {
	const settings = await fetch(`${editorUrl}/rest/settings`, { signal: AbortSignal.timeout(15_000) });
	if (!settings.ok) throw new Error(`/rest/settings answered ${settings.status}`);
	const { data } = (await settings.json()) as { data?: { userManagement?: { showSetupOnFirstLoad?: boolean } } };
	if (!data?.userManagement?.showSetupOnFirstLoad) return 'already set up';
	const response = await fetch(`${editorUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ email: owner.email, firstName: owner.firstName, lastName: owner.lastName, password: owner.password }),
		signal: AbortSignal.timeout(15_000),
	});
	if (!response.ok) throw new Error(`owner set-up answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return 'created';
}
