import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CatalogReadError, readAccountLabels } from '../actions/contact/accountCatalog';
import { describeChannel } from '../helpers/channels';
import type { InboxSummary } from '../helpers/channels';
import { chosenAccountId, connectForDropdown } from './connect';

interface ProfileAccount {
	id: number;
	name: string;
	role?: string;
	status?: string;
}

async function fetchObject(context: ILoadOptionsFunctions, path: string): Promise<Record<string, unknown>> {
	const client = await connectForDropdown(context);
	return await client.fetchObject({ method: 'GET', path });
}

export async function getAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const profile = await fetchObject(this, '/api/v1/profile');
	const accounts = Array.isArray(profile.accounts) ? (profile.accounts as ProfileAccount[]) : [];
	return accounts.map((account) => ({
		name: `${account.name} (#${account.id})`,
		value: account.id,
		description: [account.role && `Role: ${account.role}`, account.status && account.status !== 'active' && `Status: ${account.status}`]
			.filter(Boolean)
			.join(' · '),
	}));
}

export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = chosenAccountId(this, 'the inboxes');
	const response = await fetchObject(this, `/api/v1/accounts/${accountId}/inboxes`);
	const inboxes = Array.isArray(response.payload) ? (response.payload as InboxSummary[]) : [];
	return inboxes.map((inbox) => {
		const { label, requirement } = describeChannel(inbox);
		const takes = requirement ?? 'Chatwoot cannot add contacts created through the API to this channel (it answers 500)';
		return { name: `${inbox.name} (${label})`, value: inbox.id, description: `#${inbox.id} · ${takes}` };
	});
}

/** The account's labels by title: the contact labels endpoint takes titles, not label IDs. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = chosenAccountId(this, 'the labels');
	const labels = await readAccountLabels(await connectForDropdown(this), accountId).catch((error: Error) => error);
	if (labels instanceof CatalogReadError) throw new NodeOperationError(this.getNode(), labels.message);
	if (labels instanceof Error) throw labels;
	return labels.map((label) => ({ name: label.title, value: label.title, description: label.description || undefined }));
}
