import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { describeChannel } from '../helpers/channels';
import type { InboxSummary } from '../helpers/channels';
import { chosenAccountIdOrNone, connectForDropdown } from './connect';

interface ProfileAccount {
	id: number;
	name: string;
	role?: string;
	status?: string;
}

/** Whether a list entry matches what the user typed: part of its name, or its ID. */
function matches(filter: string | undefined, name: string, id: number): boolean {
	const wanted = (filter ?? '').trim().toLowerCase().replace(/^#/, '');
	return !wanted || name.toLowerCase().includes(wanted) || String(id) === wanted;
}

/** The accounts the credential's user belongs to (GET /api/v1/profile). */
export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await connectForDropdown(this);
	const profile = await client.fetchObject({ method: 'GET', path: '/api/v1/profile' });
	const accounts = Array.isArray(profile.accounts) ? (profile.accounts as ProfileAccount[]) : [];
	const results = accounts
		.filter((account) => matches(filter, account.name, account.id))
		.map((account) => {
			const status = account.status && account.status !== 'active' ? `, ${account.status}` : '';
			return {
				name: `${account.name} (#${account.id}${status})`,
				value: account.id,
				description: account.role ? `Role: ${account.role}` : undefined,
				url: `${client.baseUrl}/app/accounts/${account.id}/dashboard`,
			};
		});
	return { results };
}

/**
 * The chosen account's inboxes (GET /api/v1/accounts/:id/inboxes). Before an account is chosen the
 * list is empty rather than an error. Inboxes whose channel cannot take contacts created through the
 * API come last, marked as such.
 */
export async function searchInboxes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const accountId = chosenAccountIdOrNone(this);
	if (accountId === undefined) return { results: [] };
	const client = await connectForDropdown(this);
	const response = await client.fetchObject({ method: 'GET', path: `/api/v1/accounts/${accountId}/inboxes` });
	const inboxes = Array.isArray(response.payload) ? (response.payload as InboxSummary[]) : [];
	const supported: INodeListSearchItems[] = [];
	const unsupported: INodeListSearchItems[] = [];
	for (const inbox of inboxes.filter((candidate) => matches(filter, candidate.name, candidate.id))) {
		const { label, requirement } = describeChannel(inbox);
		const url = `${client.baseUrl}/app/accounts/${accountId}/settings/inboxes/${inbox.id}`;
		if (requirement === undefined) {
			unsupported.push({
				name: `${inbox.name} (${label}, #${inbox.id}): cannot take API contacts`,
				value: inbox.id,
				url,
			});
		} else {
			supported.push({ name: `${inbox.name} (${label}, #${inbox.id})`, value: inbox.id, description: requirement, url });
		}
	}
	return { results: [...supported, ...unsupported] };
}
