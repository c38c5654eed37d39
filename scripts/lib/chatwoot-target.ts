import type { ChatwootTarget } from './setup';

interface Profile {
	account_id?: number | null;
	accounts?: Array<{ id: number; name: string }>;
}

interface Inbox {
	id: number;
	name: string;
	channel_type: string;
}

async function getJson<T>(baseUrl: string, token: string, path: string): Promise<T> {
	// The dash form of the header survives proxies that drop underscores (the node sends the same).
	const response = await fetch(`${baseUrl}${path}`, {
		headers: { 'Api-Access-Token': token, Accept: 'application/json' },
		signal: AbortSignal.timeout(15_000),
	});
	if (!response.ok) throw new Error(`GET ${baseUrl}${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return (await response.json()) as T;
}

/**
 * A real Chatwoot from CHATWOOT_BASE_URL and CHATWOOT_API_TOKEN. The account defaults to the token
 * user's active account and the inbox to the account's first API inbox (any contact can join one);
 * CHATWOOT_ACCOUNT_ID and CHATWOOT_INBOX_ID override them.
 */
export async function realChatwootTarget(env: NodeJS.ProcessEnv = process.env): Promise<ChatwootTarget | undefined> {
	const baseUrl = env.CHATWOOT_BASE_URL?.trim().replace(/\/+$/, '');
	const accessToken = env.CHATWOOT_API_TOKEN?.trim();
	if (!baseUrl || !accessToken) return undefined;

	const profile = await getJson<Profile>(baseUrl, accessToken, '/api/v1/profile');
	const accountId = Number(env.CHATWOOT_ACCOUNT_ID || profile.account_id || profile.accounts?.[0]?.id);
	if (!Number.isInteger(accountId) || accountId <= 0) {
		throw new Error('the token belongs to no Chatwoot account; set CHATWOOT_ACCOUNT_ID');
	}
	let inboxId = Number(env.CHATWOOT_INBOX_ID);
	if (!env.CHATWOOT_INBOX_ID) {
		const { payload } = await getJson<{ payload: Inbox[] }>(baseUrl, accessToken, `/api/v1/accounts/${accountId}/inboxes`);
		const apiInbox = payload.find((inbox) => inbox.channel_type === 'Channel::Api');
		if (!apiInbox) throw new Error(`account ${accountId} has no API inbox; create one or set CHATWOOT_INBOX_ID`);
		inboxId = apiInbox.id;
	}
	return { baseUrl, accessToken, accountId, inboxId, label: baseUrl };
}
