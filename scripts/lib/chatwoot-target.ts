import { normalizeBaseUrl } from '../../nodes/Chatwoot/helpers/baseUrl';
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
	let response: Response;
	try {
		response = await fetch(`${baseUrl}${path}`, {
			headers: { 'Api-Access-Token': token, Accept: 'application/json' },
			signal: AbortSignal.timeout(15_000),
		});
	} catch (error) {
		const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
		throw new Error(`Could not reach Chatwoot at ${baseUrl} (${cause}). Check CHATWOOT_BASE_URL.`);
	}
	if (!response.ok) throw new Error(
			`GET ${baseUrl}${path} answered ${response.status}${response.status === 401 ? ' (is CHATWOOT_API_TOKEN a user access token from Profile settings?)' : ''}: ${(await response.text()).slice(0, 300)}`,
		);
	return (await response.json()) as T;
}

/** Whether the environment asks for a real Chatwoot; a base URL without a token (or the reverse) is an error. */
export function wantsRealChatwoot(env: NodeJS.ProcessEnv = process.env): boolean {
	const baseUrl = env.CHATWOOT_BASE_URL?.trim();
	const token = env.CHATWOOT_API_TOKEN?.trim();
	if (!baseUrl && !token) return false;
	if (!baseUrl || !token) {
		throw new Error('Set both CHATWOOT_BASE_URL and CHATWOOT_API_TOKEN to use a real Chatwoot (or neither to use the simulator).');
	}
	return true;
}

/**
 * The instance root from CHATWOOT_BASE_URL, by the same rule as the node's credential: a pasted dashboard
 * address (`https://chat.example.com/app/accounts/1/dashboard`) or API URL works as well as the root.
 */
export function realChatwootBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
	return normalizeBaseUrl(env.CHATWOOT_BASE_URL);
}

/**
 * A real Chatwoot from CHATWOOT_BASE_URL and CHATWOOT_API_TOKEN. The account defaults to the token
 * user's active account and the inbox to the account's first API inbox (any contact can join one);
 * CHATWOOT_ACCOUNT_ID and CHATWOOT_INBOX_ID override them.
 */
export async function realChatwootTarget(env: NodeJS.ProcessEnv = process.env): Promise<ChatwootTarget | undefined> {
	if (!wantsRealChatwoot(env)) return undefined;
	const baseUrl = realChatwootBaseUrl(env);
	const accessToken = env.CHATWOOT_API_TOKEN!.trim();

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
