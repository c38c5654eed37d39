/**
 * Assigning permitted params to a contact and `save!` (contacts_controller.rb#create/#update,
 * app/models/contact.rb): callbacks, validations (422) and the database constraints the
 * validations do not cover (500).
 */
import { sniffImageType } from './avatar';
import type { ContactParams } from './contactParams';
import { fail, jsonReply, replies } from '../http/reply';
import { isBlank } from './ruby';
import { newAvatarBlob, type ContactRecord, type ContactStore } from './contactStore';
import { lengthErrors, normalizeEmail, recordInvalidBody, validateContact } from './contactValidation';

export function blankContact(accountId: number): ContactRecord {
	return {
		accountId,
		id: 0,
		name: '',
		email: null,
		phone_number: null,
		identifier: null,
		blocked: false,
		additional_attributes: {},
		custom_attributes: {},
		created_at: Math.floor(Date.now() / 1000),
		contact_inboxes: [],
		labels: [],
	};
}

function cloneContact(contact: ContactRecord): ContactRecord {
	return {
		...contact,
		additional_attributes: { ...contact.additional_attributes },
		custom_attributes: { ...contact.custom_attributes },
		contact_inboxes: contact.contact_inboxes.map((ref) => ({ ...ref })),
		labels: [...contact.labels],
	};
}

const ASSIGNABLE_COLUMNS = ['name', 'email', 'phone_number', 'identifier', 'blocked'] as const;

function assignColumns(draft: ContactRecord, permitted: ContactParams): void {
	for (const column of ASSIGNABLE_COLUMNS) {
		const value = permitted[column];
		if (value !== undefined) Object.assign(draft, { [column]: value });
	}
}

/**
 * Create stores the hashes as sent; update shallow-merges them into the stored ones
 * (contacts_controller.rb#contact_update_params).
 */
function assignAttributeHashes(draft: ContactRecord, permitted: ContactParams, merge: boolean): void {
	for (const column of ['additional_attributes', 'custom_attributes'] as const) {
		const value = permitted[column];
		if (value !== undefined) draft[column] = merge ? { ...draft[column], ...value } : value;
	}
}

/** Returns the bytes of a newly attached avatar, which the avatar validation must inspect. */
function assignAvatar(draft: ContactRecord, permitted: ContactParams): Buffer | undefined {
	const avatar = permitted.avatar;
	if (!avatar) return undefined;
	// A string is looked up as a signed blob id; that raises, and nothing rescues it.
	if (avatar.kind === 'unresolvable') fail(replies.internalError());
	if (avatar.kind === 'detach') {
		delete draft.avatar;
		return undefined;
	}
	const { file } = avatar;
	draft.avatar = newAvatarBlob(file.filename, sniffImageType(file.bytes) ?? file.declaredType, file.bytes);
	return file.bytes;
}

/** Contact#prepare_jsonb_attributes: blank hashes become {}. */
function prepareJsonbAttributes(draft: ContactRecord): void {
	if (isBlank(draft.additional_attributes)) draft.additional_attributes = {};
	if (isBlank(draft.custom_attributes)) draft.custom_attributes = {};
}

/**
 * Applies the params to a copy of `base` and validates it; throws the 422 on validation errors.
 * Returns the draft, not yet written to the store.
 */
export function prepareContact(
	base: ContactRecord,
	permitted: ContactParams,
	mode: 'create' | 'update',
	store: ContactStore,
): ContactRecord {
	const draft = cloneContact(base);
	const newAvatarBytes = assignAvatar(draft, permitted);
	assignColumns(draft, permitted);
	assignAttributeHashes(draft, permitted, mode === 'update');
	// before_validation order: ApplicationRecord's length check, then Contact's callbacks.
	const lengthFailures = lengthErrors(draft);
	draft.email = normalizeEmail(draft.email);
	prepareJsonbAttributes(draft);
	const errors = validateContact(draft, store.all(), lengthFailures, newAvatarBytes);
	if (errors.length > 0) fail(jsonReply(422, recordInvalidBody(errors)));
	return draft;
}

/**
 * What PostgreSQL rejects although the validations passed: NULL in `blocked`, and a
 * blank identifier that collides on uniq_identifier_per_account_contact. Both surface as 500.
 */
export function enforceDatabaseConstraints(draft: ContactRecord, store: ContactStore): void {
	if (draft.blocked === null) fail(replies.internalError());
	const identifier = draft.identifier;
	if (identifier === null) return;
	const collides = store
		.inAccount(draft.accountId)
		.some((other) => other.id !== draft.id && other.identifier === identifier);
	if (collides) fail(replies.internalError());
}
