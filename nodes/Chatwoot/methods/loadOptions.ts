import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CatalogReadError, readAccountLabels } from '../actions/contact/accountCatalog';
import { chosenAccountId, connectForDropdown } from './connect';

interface ProfileAccount {
	id: number;
	name: string;
	role?: string;
	status?: string;
}

interface Inbox {
	id: number;
	name: string;
	channel_type: string;
	medium?: string;
}

async function fetchObject(context: ILoadOptionsFunctions, path: string): Promise<Record<string, unknown>> {
	const client = await connectForDropdown(context);
	return await client.fetchObject({ method: 'GET', path });
}

const UNSUPPORTED_CHANNEL_LABELS: Record<string, string> = {
	'Channel::FacebookPage': 'Facebook',
	'Channel::Instagram': 'Instagram',
	'Channel::Telegram': 'Telegram',
	'Channel::Line': 'LINE',
	'Channel::TwitterProfile': 'Twitter',
	'Channel::Tiktok': 'TikTok',
};

/** How each channel takes a contact created through the API (app/builders/contact_inbox_builder.rb). */
function describeChannel(inbox: Inbox): { label: string; requirement: string } {
	switch (inbox.channel_type) {
		case 'Channel::Api':
			return { label: 'API', requirement: 'Any contact' };
		case 'Channel::WebWidget':
			return { label: 'Website', requirement: 'Any contact' };
		case 'Channel::Voice':
			return { label: 'Voice', requirement: 'Any contact' };
		case 'Channel::Email':
			return { label: 'Email', requirement: 'Needs the contact to have an email' };
		case 'Channel::Whatsapp':
			return { label: 'WhatsApp', requirement: 'Needs the contact to have a phone number' };
		case 'Channel::Sms':
			return { label: 'SMS', requirement: 'Needs the contact to have a phone number' };
		case 'Channel::TwilioSms':
			return {
				label: inbox.medium === 'whatsapp' ? 'Twilio WhatsApp' : 'Twilio SMS',
				requirement: 'Needs the contact to have a phone number',
			};
		default:
			return {
				label: UNSUPPORTED_CHANNEL_LABELS[inbox.channel_type] ?? inbox.channel_type.replace(/^Channel::/, ''),
				requirement: 'Chatwoot cannot add contacts created through the API to this channel (it answers 500)',
			};
	}
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
	const inboxes = Array.isArray(response.payload) ? (response.payload as Inbox[]) : [];
	return inboxes.map((inbox) => {
		const { label, requirement } = describeChannel(inbox);
		return { name: `${inbox.name} (${label})`, value: inbox.id, description: `#${inbox.id} · ${requirement}` };
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
