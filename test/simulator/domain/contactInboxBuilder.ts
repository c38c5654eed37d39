/**
 * Port of app/builders/contact_inbox_builder.rb with the enterprise Voice prepend, and of the
 * ContactInbox source_id validation (app/models/contact_inbox.rb, lib/regex_helper.rb);
 * docs/chatwoot-behaviour.md, "Inbox links". Nothing is written here: the caller applies the returned plan when the
 * whole create "transaction" succeeds, so any failure rolls everything back.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { fail, jsonReply, replies } from '../http/reply';
import { isPresent } from './ruby';
import type { SeedInbox } from './seed';
import type { ContactRecord, ContactStore } from './contactStore';
import type { ContactInboxRef } from '../types';
import { error, recordInvalidBody } from './contactValidation';

export interface ContactInboxPlan {
	inbox: SeedInbox;
	/** The contact_inbox to add to the contact (absent when an existing one is reused). */
	create?: ContactInboxRef;
	/** The resulting contact_inbox, new or reused. */
	result: ContactInboxRef;
	/** Another contact's contact_inbox that must give up this source_id first. */
	rekey?: { ref: ContactInboxRef; newSourceId: string };
}

/** Ruby Regexp#to_s of the regexes in lib/regex_helper.rb, as quoted in the error message. */
const SOURCE_FORMATS: Record<string, { test: RegExp; rubyRegex: string; label: string }> = {
	whatsapp: { test: /^\d{1,15}$/, rubyRegex: '(?-mix:^\\d{1,15}\\z)', label: 'whatsapp' },
	twilioSms: { test: /^\+\d{1,15}$/, rubyRegex: '(?-mix:^\\+\\d{1,15}\\z)', label: 'twilio sms' },
	twilioWhatsapp: { test: /^whatsapp:\+\d{1,15}$/, rubyRegex: '(?-mix:^whatsapp:\\+\\d{1,15}\\z)', label: 'twilio whatsapp' },
};

function missingParameter(what: string): never {
	// ActionController::ParameterMissing, rendered by handle_with_exception as {error} 422.
	fail(replies.unprocessable(`param is missing or the value is empty: ${what}`));
}

function requirePhone(contact: ContactRecord): string {
	// `unless @contact.phone_number`: only nil fails; "" passes and yields an empty source.
	if (contact.phone_number === null) missingParameter('contact phone number');
	return contact.phone_number;
}

function generateSourceId(inbox: SeedInbox, contact: ContactRecord): string | undefined {
	switch (inbox.channelType) {
		case 'Channel::TwilioSms': {
			const phone = requirePhone(contact);
			if (inbox.medium === 'sms') return phone;
			return inbox.medium === 'whatsapp' ? `whatsapp:${phone}` : undefined;
		}
		case 'Channel::Whatsapp':
			return requirePhone(contact).replace(/\+/g, '');
		case 'Channel::Email':
			if (contact.email === null) missingParameter('contact email');
			return contact.email;
		case 'Channel::Sms':
			return requirePhone(contact);
		case 'Channel::Voice':
			return isPresent(contact.phone_number) ? (contact.phone_number as string) : randomUUID();
		case 'Channel::Api':
		case 'Channel::WebWidget':
			return randomUUID();
		default:
			// RuntimeError "Unsupported operation for this channel: <type>", not rescued.
			fail(replies.internalError());
	}
}

function sourceFormatFor(inbox: SeedInbox): (typeof SOURCE_FORMATS)[string] | undefined {
	if (inbox.channelType === 'Channel::Whatsapp') return SOURCE_FORMATS.whatsapp;
	if (inbox.channelType !== 'Channel::TwilioSms') return undefined;
	return inbox.medium === 'sms' ? SOURCE_FORMATS.twilioSms : inbox.medium === 'whatsapp' ? SOURCE_FORMATS.twilioWhatsapp : undefined;
}

/** ContactInbox#valid_source_id_format? -> RecordInvalid (422 {message, attributes}). */
function validateSourceId(inbox: SeedInbox, sourceId: string): void {
	const format = sourceFormatFor(inbox);
	if (!format || format.test.test(sourceId)) return;
	const message = `invalid source id for ${format.label} inbox. valid Regex ${format.rubyRegex}`;
	const body = recordInvalidBody([error('source_id', message)]);
	fail(jsonReply(422, body));
}

/** Channels whose RecordNotUnique is resolved by re-keying the old row (allowed_channels?). */
function mayRekey(inbox: SeedInbox): boolean {
	return ['Channel::Email', 'Channel::Sms', 'Channel::TwilioSms', 'Channel::Whatsapp', 'Channel::Voice'].includes(
		inbox.channelType,
	);
}

function rekeyedSourceId(inbox: SeedInbox, sourceId: string): string {
	const phoneChannel = ['Channel::Whatsapp', 'Channel::Sms', 'Channel::TwilioSms'].includes(inbox.channelType);
	return phoneChannel ? `whatsapp:${sourceId}${randomInt(100)}` : `${randomInt(10)}${sourceId}`;
}

/** An explicit source_id is used as given (`@source_id ||= generate_source_id`). */
function explicitSourceId(value: unknown): string | undefined {
	if (value === undefined || value === null || value === false) return undefined;
	if (typeof value === 'string' || typeof value === 'number' || value === true) return String(value);
	fail(replies.internalError());
}

export function planContactInbox(
	contact: ContactRecord,
	inbox: SeedInbox,
	sourceIdParam: unknown,
	store: ContactStore,
): ContactInboxPlan | undefined {
	const sourceId = explicitSourceId(sourceIdParam) ?? generateSourceId(inbox, contact);
	if (sourceId === undefined || !isPresent(sourceId)) return undefined;

	const reused = contact.contact_inboxes.find((ref) => ref.inbox_id === inbox.id && ref.source_id === sourceId);
	if (reused) return { inbox, result: reused };

	validateSourceId(inbox, sourceId);
	const created = { inbox_id: inbox.id, source_id: sourceId };
	const taken = store.contactInboxOwner(inbox.id, sourceId);
	if (!taken) return { inbox, create: created, result: created };

	// RecordNotUnique on (inbox_id, source_id): Api/WebWidget re-raise (500), the others re-key
	// the old row with update! (validated, so the new value can itself be rejected) and retry.
	if (!mayRekey(inbox)) fail(replies.internalError());
	const newSourceId = rekeyedSourceId(inbox, sourceId);
	validateSourceId(inbox, newSourceId);
	return { inbox, create: created, result: created, rekey: { ref: taken.ref, newSourceId } };
}
