import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { KeyLocks } from '../../helpers/keyLocks';
import { chatwootApiError } from '../../transport';
import type { ChatwootClient } from '../../transport';
import { accountIdProperty, inboxIdProperty } from '../common.descriptions';
import { inputError, readId } from '../itemInput';
import type { OperationExecute } from '../types';
import { AccountCatalog } from './accountCatalog';
import { AvatarFileReader, avatarProperties } from './avatar';
import { customAttributesProperties } from './customAttributes';
import { contactAdditionalFieldsProperty, contactIdentityProperties, readContactFields } from './fields';
import type { ContactFields } from './fields';
import { conflictingKeysError, distinctHolders, keysTakenError } from './holders';
import { labelProperties, labelSavedContact, readLabels, readLabelsMode } from './labels';
import {
	assertFindable,
	canonicalKeyValue,
	contactPath,
	contactsPath,
	findContactsByKeys,
	KEY_LABELS,
	keysOf,
	keyValuesOf,
	LookupFailedError,
	UNIQUE_KEYS,
} from './lookup';
import type { KeyHolders, KeyValues, UniqueKey } from './lookup';
import { mayHaveBeenCreated, sendCreate, unreachable } from './recovery';
import type { CreateOutcome } from './recovery';
import { contactRequest, readContactAvatar } from './request';
import { ensureInboxLink, findInboxLink, sendUpdate } from './update';

const matchOnProperty: INodeProperties = {
	displayName: 'Match On',
	name: 'matchOn',
	type: 'multiOptions',
	options: [
		{ name: 'Email', value: 'email', description: 'Compared ignoring case, as Chatwoot does' },
		{ name: 'Identifier', value: 'identifier', description: 'Compared exactly, case included' },
		{ name: 'Phone Number', value: 'phone_number', description: 'Compared as the exact E.164 number, e.g. +14155550123' },
	],
	default: ['email', 'phone_number', 'identifier'],
	description:
		'The unique keys that identify an existing contact. Keys left empty on an item are skipped. Each key may belong to one contact only: an item whose keys belong to different contacts fails and changes nothing.',
};

const mergeNotice: INodeProperties = {
	displayName:
		'An existing contact gets only the fields set here. Custom and additional attributes are merged into the stored ones: keys given replace theirs (a nested object as a whole), keys left out are kept.',
	name: 'upsertNotice',
	type: 'notice',
	default: '',
};

const properties: INodeProperties[] = [
	accountIdProperty,
	inboxIdProperty,
	matchOnProperty,
	mergeNotice,
	...contactIdentityProperties,
	...avatarProperties,
	...labelProperties({ existingContacts: true }),
	contactAdditionalFieldsProperty,
	...customAttributesProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

/** The item's keys to match on, in Chatwoot's order; at least one, and a phone number the filter can find. */
function readMatchValues(context: IExecuteFunctions, itemIndex: number, fields: ContactFields): KeyValues {
	const chosen = context.getNodeParameter('matchOn', itemIndex, UNIQUE_KEYS) as unknown;
	const keys = UNIQUE_KEYS.filter((key) => Array.isArray(chosen) && chosen.includes(key));
	if (!keys.length) {
		throw inputError(context, itemIndex, 'Match On needs at least one key', 'Choose Email, Phone Number or Identifier (or several) in Match On.');
	}
	const values = keyValuesOf(fields, keys);
	if (!keysOf(values).length) {
		throw inputError(
			context,
			itemIndex,
			`None of the Match On keys is set on this item (${keys.map((key) => KEY_LABELS[key]).join(', ')})`,
			'Create or Update finds the contact by these keys: give at least one of them a value, or use Contact → Create to always make a new contact.',
		);
	}
	for (const key of keysOf(values)) assertFindable(context, itemIndex, key, values[key]!);
	return values;
}

/** Lock names: one per unique key value of the account, as Chatwoot compares them. */
const lockNames = (accountId: number, values: KeyValues) =>
	keysOf(values).map((key) => `${accountId}:${key}:${canonicalKeyValue(key, values[key]!)}`);

/** The Create fields that apply to an existing contact: inbox and source ID become a link instead. */
const updateFieldsOf = (fields: ContactFields): IDataObject =>
	Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'inbox_id' && name !== 'source_id'));

/** The one contact the item's keys lead to after Chatwoot refused the create, and the Match On key that found it. */
async function findExisting(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	accountId: number,
	outcome: Exclude<CreateOutcome, { status: 'created' }>,
	values: KeyValues,
	matchValues: KeyValues,
): Promise<{ contact: IDataObject; matchedBy: UniqueKey }> {
	const holders = await findContactsByKeys(client, accountId, values).catch((error: Error) => {
		// After a lost answer a failed lookup ends below in "may have been created".
		if (outcome.status === 'lost') return {} as KeyHolders;
		if (error instanceof LookupFailedError) throw chatwootApiError(context.getNode(), error.response, itemIndex);
		throw unreachable(context, itemIndex, error);
	});
	const existing = distinctHolders(holders);
	if (existing.size > 1) throw conflictingKeysError(context, itemIndex, values, holders);
	const [holder] = existing.values();
	const matchedBy = holder?.keys.find((key) => matchValues[key] !== undefined);
	if (holder && matchedBy) return { contact: holder.contact, matchedBy };
	if (outcome.status === 'lost') throw mayHaveBeenCreated(context, itemIndex, outcome.cause, keysOf(values));
	throw keysTakenError(context, outcome.response, itemIndex, values, holders, notMatchedAdvice(holder?.keys));
}

/** Why the contact may have been created by this item although the create was refused or lost. */
function lostCreateCause(outcome: Exclude<CreateOutcome, { status: 'created' }>): string | undefined {
	if (outcome.status === 'lost') return outcome.cause;
	return outcome.afterLostResponse ? 'the repeat was refused as taken' : undefined;
}

/**
 * Create or Update (`upsert`). A new contact costs one request: the create is sent first and
 * Chatwoot's uniqueness check finds an existing one ("has already been taken"), which is then
 * looked up with one filter request and patched. Items of one run that share a key value run one
 * after the other, so the second updates what the first created; updates of one contact never
 * overlap, so Chatwoot's read-merge-write of the attributes cannot lose one of them.
 */
export const execute: OperationExecute = function (client) {
	const avatars = new AvatarFileReader(this);
	const locks = new KeyLocks();
	const catalog = new AccountCatalog(client);
	return async (itemIndex) => {
		const accountId = readId(this, itemIndex, 'accountId');
		const fields = await readContactFields(this, itemIndex, accountId, catalog);
		const labels = await readLabels(this, itemIndex, accountId, catalog);
		const matchValues = readMatchValues(this, itemIndex, fields);
		const values = keyValuesOf(fields);
		return await locks.hold(lockNames(accountId, values), async () => {
			const { avatar, release } = await readContactAvatar(this, itemIndex, avatars, fields);
			try {
				const create = contactRequest(this, itemIndex, { method: 'POST', path: contactsPath(accountId) }, fields, avatar);
				const outcome = await sendCreate(this, client, itemIndex, accountId, fields, create);
				if (outcome.status === 'created') {
					const created = createdOutput(outcome.body, fields.inbox_id);
					const saved = { accountId, contactId: (created.contact as IDataObject).id as number, saved: created, savedAs: 'created' as const };
					// A new contact has no labels: what was asked for is its whole list.
					return await labelSavedContact(this, client, itemIndex, saved, labels, 'replace');
				}

				const found = await findExisting(this, client, itemIndex, accountId, outcome, values, matchValues);
				const contactId = found.contact.id as number;
				return await locks.hold([`${accountId}:contact:${contactId}`], async () => {
					const target = { method: 'PATCH' as const, path: contactPath(accountId, contactId) };
					const update = contactRequest(this, itemIndex, target, updateFieldsOf(fields), avatar);
					const contact = await sendUpdate(this, client, itemIndex, found.contact, update);
					const sourceId = fields.source_id as string | undefined;
					const { link, added } = await ensureInboxLink(this, client, itemIndex, accountId, contact, fields.inbox_id, sourceId);
					if (added && Array.isArray(contact.contact_inboxes)) contact.contact_inboxes = [...contact.contact_inboxes, link];
					const result: IDataObject = { action: 'updated', matchedBy: found.matchedBy, contact, contactInbox: link };
					const cause = lostCreateCause(outcome);
					if (cause) {
						result.recovered = {
							note: `An earlier attempt to create the contact lost its answer (${cause}); the contact may have been created by that attempt, and was then updated.`,
						};
					}
					const saved = { accountId, contactId, saved: result, savedAs: 'updated' as const };
					return await labelSavedContact(this, client, itemIndex, saved, labels, readLabelsMode(this, itemIndex));
				});
			} finally {
				release();
			}
		});
	};
};

function notMatchedAdvice(heldKeys: UniqueKey[] | undefined): string {
	if (!heldKeys?.length) {
		return "Chatwoot says the value is taken, but its contact filter finds no contact with it: the filter sees only 'resolved' contacts (with an email, phone number or identifier; on accounts with Chatwoot's new CRM, only leads). Search for the value in Chatwoot.";
	}
	const labels = heldKeys.map((key) => KEY_LABELS[key]).join(' and ');
	return `${labels} is not among Match On, so that contact is not updated: add ${labels} to Match On to update it, or change the value.`;
}

/** A created contact in the shape of an updated one: its link to the chosen inbox from its own list. */
function createdOutput(body: IDataObject, inboxId: number): IDataObject {
	const payload = (body.payload ?? {}) as IDataObject;
	const contact = (payload.contact ?? {}) as IDataObject;
	const made = payload.contact_inbox as { source_id?: unknown } | undefined;
	const link = typeof made?.source_id === 'string' ? findInboxLink(contact, inboxId, made.source_id) : undefined;
	return { action: 'created', matchedBy: null, contact, contactInbox: link ?? null };
}
