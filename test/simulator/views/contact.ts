/** Contact JSON shapes; keys in render order because clients and snapshot tests may depend on it. */
import type { ContactRecord } from '../domain/contactStore';
import type { ContactInboxRef } from '../types';
import { inboxById } from '../domain/seed';
import { renderInboxSlim } from './inbox';

export interface RenderContext {
	/** Base URL of the simulator, for avatar representation URLs. */
	baseUrl: string;
}

export function avatarRepresentationUrl(baseUrl: string, contact: ContactRecord): string {
	if (!contact.avatar) return '';
	const { key, filename } = contact.avatar;
	return `${baseUrl}/rails/active_storage/representations/redirect/${key}/${encodeURIComponent(filename)}`;
}

/** app/views/api/v1/models/_contact.json.jbuilder (+ _contact_inbox when with_contact_inboxes). */
export function renderContact(
	contact: ContactRecord,
	context: RenderContext,
	withContactInboxes: boolean,
): Record<string, unknown> {
	const json: Record<string, unknown> = {
		additional_attributes: contact.additional_attributes,
		availability_status: 'offline',
		email: contact.email,
		id: contact.id,
		name: contact.name,
		phone_number: contact.phone_number,
		blocked: contact.blocked,
		identifier: contact.identifier,
		thumbnail: avatarRepresentationUrl(context.baseUrl, contact),
		custom_attributes: contact.custom_attributes,
		// last_activity_at is omitted while null, which it always is for API-created contacts.
		created_at: contact.created_at,
	};
	if (withContactInboxes) {
		json.contact_inboxes = contact.contact_inboxes.map(renderContactInbox);
	}
	return json;
}


/** app/views/api/v1/models/_contact_inbox.json.jbuilder. */
export function renderContactInbox(ref: ContactInboxRef): Record<string, unknown> {
	return { source_id: ref.source_id, inbox: renderInboxSlim(inboxById(ref.inbox_id)) };
}
