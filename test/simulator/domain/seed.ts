/**
 * Fixed seed data of the simulator. Nothing here changes at runtime; `reset()` keeps it.
 *
 * Tokens (24-character base58, like `has_secure_token` in app/models/access_token.rb):
 * - SEED.tokens.admin       user "Admin Alice", administrator of accounts 1 and 3
 * - SEED.tokens.agent       user "Agent Bob", agent in account 1, member of inboxes 1 and 3 only
 * - SEED.tokens.agentBot    an AgentBot (rejected on every contacts endpoint and /profile)
 * - SEED.tokens.platformApp a PlatformApp (rejected like the bot)
 * - SEED.tokens.superAdmin  user "Super Sam" of type SuperAdmin, member of no account
 *
 * Accounts: 1 "Acme Support" (active), 2 "Globex" (admin is not a member), 3 "Initech" (suspended,
 * admin is a member).
 *
 * Inboxes of account 1, one per channel type the contact inbox builder knows or refuses (ids in
 * SEED.inboxes), and inbox 20 (API) in account 2.
 *
 * Labels (ids in SEED.labels): "customer", "lead" and "vip" in account 1, "partner" in account 2.
 * Custom attribute definitions: in account 1 one contact attribute per display type (keys in
 * SEED.contactAttributes) and one conversation attribute; in account 2 one contact attribute.
 * Tests may replace labels and definitions at runtime; `reset()` restores these.
 */
import type { CustomAttributeDefinition, Label } from '../types';

export const SEED = {
	tokens: {
		admin: 'cWn7Yx3RtQ5mZpA8kD2hF9sJ',
		agent: 'bT4vNq8LwE6zH2cX9gR5yM3k',
		agentBot: 'aB7dF3hK9mP2rS5tV8wX4yZ6',
		platformApp: 'pL9aT5fR3mQ8vW2xC6nE4hG7',
		superAdmin: 'sU2pE8rA4dM6nX3kY9tB5wQ7',
	},
	users: { admin: 1, agent: 2, superAdmin: 3 },
	accounts: { main: 1, other: 2, suspended: 3 },
	inboxes: {
		api: 1,
		website: 2,
		email: 3,
		whatsapp: 4,
		sms: 5,
		twilioSms: 6,
		twilioWhatsapp: 7,
		voice: 8,
		facebook: 9,
		instagram: 10,
		telegram: 11,
		line: 12,
		twitter: 13,
		tiktok: 14,
		otherAccountApi: 20,
	},
	labels: { customer: 1, lead: 2, vip: 3, partner: 4 },
	contactAttributes: {
		text: 'loyalty_code',
		number: 'seats',
		currency: 'lifetime_value',
		percent: 'discount_rate',
		link: 'crm_profile',
		date: 'renewal_date',
		list: 'plan',
		checkbox: 'newsletter',
	},
} as const;

export type Role = 'administrator' | 'agent';

export interface SeedAccount {
	id: number;
	name: string;
	status: 'active' | 'suspended';
}

export interface SeedUser {
	kind: 'user';
	id: number;
	name: string;
	email: string;
	token: string;
	type: 'SuperAdmin' | null;
	pubsubToken: string;
	memberships: Array<{ accountId: number; role: Role }>;
	/** Inboxes the user is a member of (only relevant for agents; administrators see all). */
	inboxIds: number[];
}

export interface SeedNonUserTokenOwner {
	kind: 'agentBot' | 'platformApp';
	id: number;
	name: string;
	token: string;
}

export type TokenOwner = SeedUser | SeedNonUserTokenOwner;

export interface SeedInbox {
	id: number;
	accountId: number;
	channelId: number;
	name: string;
	channelType: string;
	/** Value of `provider` in the slim inbox shape. */
	provider: string | null;
	/** Channel::TwilioSms only. */
	medium?: 'sms' | 'whatsapp';
	phoneNumber?: string;
	email?: string;
	createdAt: string;
	/** Channel-specific keys of the _inbox partial visible to everyone. */
	extra: Record<string, unknown>;
	/** Administrator-only keys of the _inbox partial. */
	secrets: Record<string, unknown>;
}

const CREATED_AT = '2026-01-05T10:11:12.345Z';

export const ACCOUNTS: readonly SeedAccount[] = [
	{ id: SEED.accounts.main, name: 'Acme Support', status: 'active' },
	{ id: SEED.accounts.other, name: 'Globex', status: 'active' },
	{ id: SEED.accounts.suspended, name: 'Initech', status: 'suspended' },
];

export const TOKEN_OWNERS: readonly TokenOwner[] = [
	{
		kind: 'user',
		id: SEED.users.admin,
		name: 'Admin Alice',
		email: 'alice@acme.example',
		token: SEED.tokens.admin,
		type: null,
		pubsubToken: 'Q2x4pTn8Vd5KmRb7Yw3Hs9Ja',
		memberships: [
			{ accountId: SEED.accounts.main, role: 'administrator' },
			{ accountId: SEED.accounts.suspended, role: 'administrator' },
		],
		inboxIds: [],
	},
	{
		kind: 'user',
		id: SEED.users.agent,
		name: 'Agent Bob',
		email: 'bob@acme.example',
		token: SEED.tokens.agent,
		type: null,
		pubsubToken: 'Fz6Nc2Lq9Wt4Xe8Pk3Ub7Gh5',
		memberships: [{ accountId: SEED.accounts.main, role: 'agent' }],
		inboxIds: [SEED.inboxes.api, SEED.inboxes.email],
	},
	{
		kind: 'user',
		id: SEED.users.superAdmin,
		name: 'Super Sam',
		email: 'sam@chatwoot.example',
		token: SEED.tokens.superAdmin,
		type: 'SuperAdmin',
		pubsubToken: 'Mv5Rj8Ta2Yc6Nq9Ke4Wp3Dx7',
		memberships: [],
		inboxIds: [],
	},
	{ kind: 'agentBot', id: 1, name: 'Triage Bot', token: SEED.tokens.agentBot },
	{ kind: 'platformApp', id: 1, name: 'Provisioning App', token: SEED.tokens.platformApp },
];

function inbox(
	id: number,
	channelType: string,
	name: string,
	details: Partial<Omit<SeedInbox, 'id' | 'channelType' | 'name'>> = {},
): SeedInbox {
	return {
		id,
		accountId: SEED.accounts.main,
		channelId: id + 100,
		name,
		channelType,
		provider: null,
		createdAt: CREATED_AT,
		extra: {},
		secrets: {},
		...details,
	};
}

const I = SEED.inboxes;

export const INBOXES: readonly SeedInbox[] = [
	inbox(I.api, 'Channel::Api', 'API inbox', {
		extra: {
			webhook_url: 'https://crm.acme.example/chatwoot/webhook',
			inbox_identifier: 'kP4nW8qZ2xT6rY9c',
			additional_attributes: {},
		},
		secrets: { hmac_token: 'hm4cAp1T0k3nAcme' },
	}),
	inbox(I.website, 'Channel::WebWidget', 'Acme Website', {
		extra: {
			website_url: 'https://www.acme.example',
			widget_color: '#1f93ff',
			website_token: 'w3bS1t3T0k3nAcme',
			welcome_title: 'Hi there!',
			welcome_tagline: 'We usually reply within minutes.',
			hmac_mandatory: false,
		},
		secrets: { hmac_token: 'hm4cW1dg3tAcme' },
	}),
	inbox(I.email, 'Channel::Email', 'Support Email', {
		email: 'support@acme.example',
		extra: { email: 'support@acme.example', forwarding_enabled: true, forward_to_email: 'f7c2a9@reply.acme.example' },
		secrets: { imap_login: 'support@acme.example', imap_password: 'imap-secret', smtp_password: 'smtp-secret' },
	}),
	inbox(I.whatsapp, 'Channel::Whatsapp', 'WhatsApp Sales', {
		provider: 'whatsapp_cloud',
		phoneNumber: '+14155550100',
		extra: { message_templates: [], reauthorization_required: false },
		secrets: { provider_config: { api_key: 'wa-cloud-secret', phone_number_id: '1093847561' } },
	}),
	inbox(I.sms, 'Channel::Sms', 'SMS Alerts', { provider: 'default', phoneNumber: '+14155550101' }),
	inbox(I.twilioSms, 'Channel::TwilioSms', 'Twilio SMS', {
		medium: 'sms',
		phoneNumber: '+14155550102',
		extra: { medium: 'sms', content_templates: {} },
		secrets: { auth_token: 'twilio-auth-secret', account_sid: 'AC5e1f0c9a7d' },
	}),
	inbox(I.twilioWhatsapp, 'Channel::TwilioSms', 'Twilio WhatsApp', {
		medium: 'whatsapp',
		phoneNumber: 'whatsapp:+14155550103',
		extra: { medium: 'whatsapp', content_templates: {} },
		secrets: { auth_token: 'twilio-auth-secret', account_sid: 'AC5e1f0c9a7d' },
	}),
	inbox(I.voice, 'Channel::Voice', 'Voice Hotline', {
		provider: 'twilio',
		phoneNumber: '+14155550104',
		extra: { voice_call_webhook_url: 'https://chatwoot.example/twilio/voice/call/+14155550104' },
	}),
	inbox(I.facebook, 'Channel::FacebookPage', 'Facebook Page', { extra: { page_id: '104857392018' } }),
	inbox(I.instagram, 'Channel::Instagram', 'Instagram DMs', { extra: { instagram_id: '17841405822304914' } }),
	inbox(I.telegram, 'Channel::Telegram', 'Telegram Bot', { extra: { bot_name: 'AcmeSupportBot' } }),
	inbox(I.line, 'Channel::Line', 'LINE Official'),
	inbox(I.twitter, 'Channel::TwitterProfile', 'Twitter Mentions'),
	inbox(I.tiktok, 'Channel::Tiktok', 'TikTok Shop'),
	inbox(I.otherAccountApi, 'Channel::Api', 'Globex API', {
		accountId: SEED.accounts.other,
		extra: { webhook_url: null, inbox_identifier: 'gX7mQ3vT9pL2wK5d', additional_attributes: {} },
	}),
];

export const LABELS: readonly Label[] = [
	{ id: SEED.labels.customer, accountId: SEED.accounts.main, title: 'customer', description: 'Paying customers', color: '#2ecc71', show_on_sidebar: true },
	{ id: SEED.labels.lead, accountId: SEED.accounts.main, title: 'lead', description: null, color: '#1f93ff', show_on_sidebar: false },
	{ id: SEED.labels.vip, accountId: SEED.accounts.main, title: 'vip', description: 'High-value accounts', color: '#f1c40f', show_on_sidebar: true },
	{ id: SEED.labels.partner, accountId: SEED.accounts.other, title: 'partner', description: null, color: '#1f93ff', show_on_sidebar: null },
];

function definition(
	id: number,
	fields: Pick<CustomAttributeDefinition, 'attribute_key' | 'attribute_display_name' | 'attribute_display_type'> &
		Partial<CustomAttributeDefinition>,
): CustomAttributeDefinition {
	return {
		id,
		accountId: SEED.accounts.main,
		attribute_model: 'contact_attribute',
		attribute_description: null,
		attribute_values: [],
		regex_pattern: null,
		regex_cue: null,
		default_value: null,
		created_at: CREATED_AT,
		updated_at: CREATED_AT,
		...fields,
	};
}

const A = SEED.contactAttributes;

export const CUSTOM_ATTRIBUTE_DEFINITIONS: readonly CustomAttributeDefinition[] = [
	definition(1, {
		attribute_key: A.text,
		attribute_display_name: 'Loyalty code',
		attribute_display_type: 'text',
		attribute_description: 'Code printed on the loyalty card',
		regex_pattern: '^[A-Z]{2}-\\d{4}$',
		regex_cue: 'Two capital letters, a dash and four digits',
	}),
	definition(2, { attribute_key: A.number, attribute_display_name: 'Seats', attribute_display_type: 'number' }),
	definition(3, { attribute_key: A.currency, attribute_display_name: 'Lifetime value', attribute_display_type: 'currency' }),
	definition(4, { attribute_key: A.percent, attribute_display_name: 'Discount rate', attribute_display_type: 'percent' }),
	definition(5, { attribute_key: A.link, attribute_display_name: 'CRM profile', attribute_display_type: 'link' }),
	definition(6, { attribute_key: A.date, attribute_display_name: 'Renewal date', attribute_display_type: 'date' }),
	definition(7, {
		attribute_key: A.list,
		attribute_display_name: 'Plan',
		attribute_display_type: 'list',
		attribute_values: ['free', 'pro', 'enterprise'],
	}),
	definition(8, { attribute_key: A.checkbox, attribute_display_name: 'Newsletter', attribute_display_type: 'checkbox' }),
	definition(9, {
		attribute_key: 'order_number',
		attribute_display_name: 'Order number',
		attribute_display_type: 'text',
		attribute_model: 'conversation_attribute',
	}),
	definition(10, {
		accountId: SEED.accounts.other,
		attribute_key: 'region',
		attribute_display_name: 'Region',
		attribute_display_type: 'text',
	}),
];

export function findTokenOwner(token: string): TokenOwner | undefined {
	return TOKEN_OWNERS.find((owner) => owner.token === token);
}

export function findAccount(id: number): SeedAccount | undefined {
	return ACCOUNTS.find((account) => account.id === id);
}

export function findInbox(accountId: number, inboxId: number): SeedInbox | undefined {
	return INBOXES.find((candidate) => candidate.accountId === accountId && candidate.id === inboxId);
}

export function inboxById(inboxId: number): SeedInbox {
	const found = INBOXES.find((candidate) => candidate.id === inboxId);
	if (!found) throw new Error(`unknown seed inbox ${inboxId}`);
	return found;
}
