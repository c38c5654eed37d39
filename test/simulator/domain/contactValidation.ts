/**
 * Contact model validations (app/models/contact.rb, app/models/application_record.rb) in the order
 * Rails runs them, which is the order of the 422 message (docs/chatwoot-behaviour.md, "Contact validations"):
 * length -> email uniqueness -> email format -> identifier uniqueness -> phone uniqueness ->
 * phone format -> avatar.
 */
import { avatarErrors } from './avatar';
import { characterLength, isBlank } from './ruby';
import type { ContactRecord } from './contactStore';

export interface ValidationError {
	attribute: string;
	fullMessage: string;
}

/** Devise.email_regexp from config/initializers/devise.rb; Ruby's \s is ASCII whitespace only. */
const EMAIL_FORMAT = /^[^@ \t\r\n\f\v]+@[^@ \t\r\n\f\v]+$/;
/** Unanchored at the start on purpose: Chatwoot's regex only constrains the end of the string. */
export const PHONE_FORMAT = /\+[1-9]\d{1,14}$/;
const STRING_COLUMN_LIMIT = 255;
/** contacts' string columns in schema order that the API can set. */
const LENGTH_CHECKED_COLUMNS = ['name', 'email', 'phone_number', 'identifier'] as const;

const HUMANIZED: Record<string, string> = {
	name: 'Name',
	email: 'Email',
	phone_number: 'Phone number',
	identifier: 'Identifier',
	avatar: 'Avatar',
	source_id: 'Source',
};

export function error(attribute: string, message: string): ValidationError {
	return { attribute, fullMessage: `${HUMANIZED[attribute]} ${message}` };
}

/** ApplicationRecord#validates_column_content_length runs before the email is normalised. */
export function lengthErrors(contact: ContactRecord): ValidationError[] {
	return LENGTH_CHECKED_COLUMNS.filter((column) => {
		const value = contact[column];
		return typeof value === 'string' && characterLength(value) > STRING_COLUMN_LIMIT;
	}).map((column) => error(column, `is too long (maximum is ${STRING_COLUMN_LIMIT} characters)`));
}

/** Contact#prepare_email_attribute: blank becomes nil, anything else is downcased. */
export function normalizeEmail(email: string | null): string | null {
	return email === null || isBlank(email) ? null : email.toLowerCase();
}

function othersInAccount(contact: ContactRecord, existing: ContactRecord[]): ContactRecord[] {
	return existing.filter((other) => other.accountId === contact.accountId && other.id !== contact.id);
}

function emailErrors(contact: ContactRecord, others: ContactRecord[]): ValidationError[] {
	const email = contact.email;
	if (email === null || isBlank(email)) return [];
	const errors: ValidationError[] = [];
	if (others.some((other) => other.email?.toLowerCase() === email.toLowerCase())) {
		errors.push(error('email', 'has already been taken'));
	}
	if (!EMAIL_FORMAT.test(email)) errors.push(error('email', 'Invalid email'));
	return errors;
}

function identifierErrors(contact: ContactRecord, others: ContactRecord[]): ValidationError[] {
	const identifier = contact.identifier;
	if (identifier === null || isBlank(identifier)) return [];
	return others.some((other) => other.identifier === identifier) ? [error('identifier', 'has already been taken')] : [];
}

function phoneErrors(contact: ContactRecord, others: ContactRecord[]): ValidationError[] {
	const phone = contact.phone_number;
	if (phone === null || isBlank(phone)) return [];
	const errors: ValidationError[] = [];
	if (others.some((other) => other.phone_number === phone)) errors.push(error('phone_number', 'has already been taken'));
	if (!PHONE_FORMAT.test(phone)) errors.push(error('phone_number', 'should be in e164 format'));
	return errors;
}

/**
 * Runs every validation on a contact whose email is already normalised. `lengthFailures` come from
 * the earlier callback; `newAvatarBytes` is set only when this request attaches an avatar.
 */
export function validateContact(
	contact: ContactRecord,
	existing: ContactRecord[],
	lengthFailures: ValidationError[],
	newAvatarBytes?: Buffer,
): ValidationError[] {
	const others = othersInAccount(contact, existing);
	return [
		...lengthFailures,
		...emailErrors(contact, others),
		...identifierErrors(contact, others),
		...phoneErrors(contact, others),
		...(newAvatarBytes ? avatarErrors(newAvatarBytes).map((message) => error('avatar', message)) : []),
	];
}

/** request_exception_handler.rb#render_record_invalid: full messages joined, distinct attributes. */
export function recordInvalidBody(errors: ValidationError[]): { message: string; attributes: string[] } {
	return {
		message: errors.map((item) => item.fullMessage).join(', '),
		attributes: [...new Set(errors.map((item) => item.attribute))],
	};
}
