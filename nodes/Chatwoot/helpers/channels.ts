/** An inbox as Chatwoot lists it (inboxes_controller.rb#index). */
export interface InboxSummary {
	id: number;
	name: string;
	channel_type: string;
	medium?: string;
}

const UNSUPPORTED_CHANNEL_LABELS: Record<string, string> = {
	'Channel::FacebookPage': 'Facebook',
	'Channel::Instagram': 'Instagram',
	'Channel::Telegram': 'Telegram',
	'Channel::Line': 'LINE',
	'Channel::TwitterProfile': 'Twitter',
	'Channel::Tiktok': 'TikTok',
};

export interface ChannelDescription {
	label: string;
	/** What a contact needs to be added to the inbox; undefined when the channel takes no API contacts at all. */
	requirement: string | undefined;
}

/**
 * How each channel takes a contact created through the API (app/builders/contact_inbox_builder.rb):
 * the channels it has no source ID for (Facebook, Instagram, Telegram, LINE, Twitter, TikTok and any
 * newer one) make Chatwoot answer 500.
 */
export function describeChannel(inbox: Pick<InboxSummary, 'channel_type' | 'medium'>): ChannelDescription {
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
				label: UNSUPPORTED_CHANNEL_LABELS[inbox.channel_type] ?? String(inbox.channel_type).replace(/^Channel::/, ''),
				requirement: undefined,
			};
	}
}
