/**
 * Inbox JSON shapes: the slim partial inside contacts, the raw record returned by contact create,
 * and the full partial of inboxes#index. Keys are emitted in render order.
 */
import type { Role, SeedInbox } from '../domain/seed';

/** app/views/api/v1/models/_inbox_slim.json.jbuilder. */
export function renderInboxSlim(inbox: SeedInbox): Record<string, unknown> {
	return {
		id: inbox.id,
		avatar_url: '',
		channel_id: inbox.channelId,
		name: inbox.name,
		channel_type: inbox.channelType,
		provider: inbox.provider,
	};
}

/** Inbox#as_json: every column of the inboxes table in db/schema.rb order. */
export function renderInboxRecord(inbox: SeedInbox): Record<string, unknown> {
	return {
		id: inbox.id,
		channel_id: inbox.channelId,
		account_id: inbox.accountId,
		name: inbox.name,
		created_at: inbox.createdAt,
		updated_at: inbox.createdAt,
		channel_type: inbox.channelType,
		enable_auto_assignment: true,
		greeting_enabled: false,
		greeting_message: null,
		email_address: null,
		working_hours_enabled: false,
		out_of_office_message: null,
		timezone: 'UTC',
		enable_email_collect: true,
		csat_survey_enabled: false,
		allow_messages_after_resolved: true,
		auto_assignment_config: {},
		lock_to_single_conversation: false,
		portal_id: null,
		sender_name_type: 'friendly',
		business_name: null,
		csat_config: {},
	};
}

const WORKING_HOURS = [0, 1, 2, 3, 4, 5, 6].map((day) => ({
	day_of_week: day,
	closed_all_day: day === 0 || day === 6,
	open_hour: day === 0 || day === 6 ? null : 9,
	open_minutes: day === 0 || day === 6 ? null : 0,
	close_hour: day === 0 || day === 6 ? null : 17,
	close_minutes: day === 0 || day === 6 ? null : 0,
	open_all_day: false,
}));

const WIDGET_KEYS = [
	'allowed_domains',
	'widget_color',
	'website_url',
	'hmac_mandatory',
	'welcome_title',
	'welcome_tagline',
	'web_widget_script',
	'website_token',
	'selected_feature_flags',
	'reply_time',
] as const;

function widgetFields(inbox: SeedInbox): Record<string, unknown> {
	const isWidget = inbox.channelType === 'Channel::WebWidget';
	const fields: Record<string, unknown> = {};
	for (const key of WIDGET_KEYS) fields[key] = isWidget ? (inbox.extra[key] ?? null) : null;
	if (isWidget) {
		fields.allowed_domains = '';
		fields.selected_feature_flags = ['attachments', 'emoji_picker', 'end_conversation'];
		fields.reply_time = 'in_a_few_minutes';
		fields.web_widget_script = `<script>window.chatwootSettings = {}; /* token ${String(inbox.extra.website_token)} */</script>`;
	}
	return fields;
}

/** app/views/api/v1/models/_inbox.json.jbuilder as used by inboxes#index. */
export function renderInboxForIndex(inbox: SeedInbox, role: Role): Record<string, unknown> {
	const record = renderInboxRecord(inbox);
	const widgetOnly = new Set<string>(WIDGET_KEYS);
	const extra = Object.fromEntries(Object.entries(inbox.extra).filter(([key]) => !widgetOnly.has(key)));
	return {
		id: inbox.id,
		avatar_url: '',
		channel_id: inbox.channelId,
		name: inbox.name,
		channel_type: inbox.channelType,
		greeting_enabled: record.greeting_enabled,
		greeting_message: record.greeting_message,
		working_hours_enabled: record.working_hours_enabled,
		enable_email_collect: record.enable_email_collect,
		csat_survey_enabled: record.csat_survey_enabled,
		csat_config: record.csat_config,
		enable_auto_assignment: record.enable_auto_assignment,
		auto_assignment_config: record.auto_assignment_config,
		out_of_office_message: record.out_of_office_message,
		working_hours: WORKING_HOURS,
		timezone: record.timezone,
		callback_webhook_url: null,
		allow_messages_after_resolved: record.allow_messages_after_resolved,
		lock_to_single_conversation: record.lock_to_single_conversation,
		sender_name_type: record.sender_name_type,
		business_name: record.business_name,
		...widgetFields(inbox),
		messaging_service_sid: null,
		phone_number: inbox.phoneNumber ?? null,
		provider: inbox.provider,
		...extra,
		// Secrets are rendered for administrators only.
		...(role === 'administrator' ? inbox.secrets : {}),
	};
}

