import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parsePositiveId } from '../helpers/ids';
import { ChatwootClient, DEFAULT_RETRY_POLICY } from '../transport';

/** A dropdown is loaded while the user waits: one attempt, and a shorter timeout than a run's. */
const DROPDOWN_POLICY = { ...DEFAULT_RETRY_POLICY, maxRetries: 0, timeoutMs: 15_000 };

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
	const client = await ChatwootClient.connect(context, DROPDOWN_POLICY);
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
	const accountId = parsePositiveId(this.getCurrentNodeParameter('accountId'));
	if (accountId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Choose an Account first: the inboxes are listed per account');
	}
	const response = await fetchObject(this, `/api/v1/accounts/${accountId}/inboxes`);
	const inboxes = Array.isArray(response.payload) ? (response.payload as Inbox[]) : [];
	return inboxes.map((inbox) => {
		const { label, requirement } = describeChannel(inbox);
		return { name: `${inbox.name} (${label})`, value: inbox.id, description: `#${inbox.id} · ${requirement}` };
	});
}
