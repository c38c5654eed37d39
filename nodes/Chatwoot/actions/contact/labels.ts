import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { checkLabelsExist, LabelListError, parseLabelList, unionLabels } from '../../helpers/labelTitles';
import { isPlainObject } from '../../helpers/isPlainObject';
import { ResponseLostError, summarizeResponse } from '../../transport';
import type { ChatwootClient } from '../../transport';
import { inputError } from '../itemInput';
import { PartlyDoneError } from '../partlyDone';
import { catalogReadFailure } from './accountCatalog';
import type { AccountCatalog } from './accountCatalog';
import { contactsPath } from './lookup';

export const labelsProperty: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labels',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLabels', loadOptionsDependsOn: ['accountId.value'] },
	default: [],
	description:
		'Labels put on the contact once it is saved, from the labels of the account (Settings → Labels in Chatwoot). An expression may give a list or comma-separated titles. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Only where the contact may already exist (Create or Update): a new contact has no labels to keep. */
export const labelsModeProperty: INodeProperties = {
	displayName: 'Existing Labels',
	name: 'labelsMode',
	type: 'options',
	default: 'add',
	options: [
		{
			name: 'Keep and Add',
			value: 'add',
			description: 'Add the labels to those the contact already has',
		},
		{
			name: 'Replace',
			value: 'replace',
			description: 'The contact keeps only the labels given here; Chatwoot removes its others',
		},
	],
	description: 'Whether the contact keeps its labels. Without labels given here, its labels are not touched.',
};

export type LabelsMode = 'add' | 'replace';

/** The label parameters: for Create the list alone; with `existingContacts`, also whether to keep a contact's labels. */
export function labelProperties({ existingContacts }: { existingContacts: boolean }): INodeProperties[] {
	return existingContacts ? [labelsProperty, labelsModeProperty] : [labelsProperty];
}

export function readLabelsMode(context: IExecuteFunctions, itemIndex: number): LabelsMode {
	return context.getNodeParameter('labelsMode', itemIndex, 'add') === 'replace' ? 'replace' : 'add';
}

/**
 * The item's labels, checked before anything is sent: each must be one of the account's label
 * titles exactly (read once per run through `catalog`). Empty when none are given.
 */
export async function readLabels(
	context: IExecuteFunctions,
	itemIndex: number,
	accountId: number,
	catalog: AccountCatalog,
): Promise<string[]> {
	try {
		const names = parseLabelList(context.getNodeParameter('labels', itemIndex, []));
		if (!names.length) return names;
		checkLabelsExist(names, await catalog.labelTitles(accountId), accountId);
		return names;
	} catch (error) {
		if (error instanceof LabelListError) throw inputError(context, itemIndex, error.message, error.description);
		throw catalogReadFailure(context, itemIndex, error, 'to check the labels');
	}
}

/** Setting a contact's labels failed; `reason` is one line on why, `unknownOutcome` when they may be set after all. */
export class LabelsNotAppliedError extends Error {
	constructor(
		readonly reason: string,
		readonly unknownOutcome: boolean,
	) {
		super(reason);
	}
}

async function labelRequest(client: ChatwootClient, request: Parameters<ChatwootClient['send']>[0]): Promise<string[]> {
	// Both requests may be repeated safely (the POST writes a whole list), so a lost answer is retried.
	const outcome = await client.send(request, { retryLostResponses: true }).catch((error: Error) => error);
	if (outcome instanceof Error) {
		const lost = outcome instanceof ResponseLostError;
		const cause = lost && outcome.response ? summarizeResponse(outcome.response) : outcome.message;
		throw new LabelsNotAppliedError(lost ? `the answer was lost (${cause})` : cause, lost && request.method === 'POST');
	}
	const { response } = outcome;
	const payload = isPlainObject(response.body) ? response.body.payload : undefined;
	if (response.statusCode !== 200 || !Array.isArray(payload)) {
		throw new LabelsNotAppliedError(summarizeResponse(response), false);
	}
	return payload.filter((entry): entry is string => typeof entry === 'string');
}

/**
 * Sets a saved contact's labels and returns the list Chatwoot answers. POST .../labels replaces the
 * contact's whole list (labelable.rb update_labels), so "add" reads the current labels first and
 * writes the union, and writes nothing when the contact has them all already.
 */
export async function applyLabels(
	client: ChatwootClient,
	accountId: number,
	contactId: number,
	labels: string[],
	mode: LabelsMode,
): Promise<string[]> {
	const path = `${contactsPath(accountId)}/${contactId}/labels`;
	let wanted = labels;
	if (mode === 'add') {
		const existing = await labelRequest(client, { method: 'GET', path });
		wanted = unionLabels(existing, labels);
		if (wanted.length === existing.length) return existing;
	}
	return await labelRequest(client, { method: 'POST', path, body: { labels: wanted } });
}

/**
 * Puts the labels on a contact that is already saved and returns the item's output with the labels
 * Chatwoot stored. If that fails the item fails, naming the saved contact and Chatwoot's reason; with
 * Continue On Fail its output still carries the saved contact (see PartlyDoneError).
 */
export async function labelSavedContact(
	context: IExecuteFunctions,
	client: ChatwootClient,
	itemIndex: number,
	target: { accountId: number; contactId: number; saved: IDataObject; savedAs: 'created' | 'updated' | 'found after a lost answer' },
	labels: string[],
	mode: LabelsMode,
): Promise<IDataObject> {
	if (!labels.length) return target.saved;
	const { accountId, contactId, saved, savedAs } = target;
	const outcome = await applyLabels(client, accountId, contactId, labels, mode).catch((error: Error) => error);
	if (outcome instanceof LabelsNotAppliedError) {
		const state = outcome.unknownOutcome ? 'may not have been set' : 'were not set';
		throw new PartlyDoneError(
			context.getNode(),
			`Contact ${contactId} was ${savedAs}, but its labels ${state}`,
			{
				itemIndex,
				description: `Cause: ${outcome.reason}. The contact is saved in Chatwoot with ID ${contactId}. Running this item again with Create would not label it (it would create another contact, or be refused as already taken): use Create or Update, or set the labels (${labels.join(', ')}) in Chatwoot.`,
			},
			saved,
		);
	}
	if (outcome instanceof Error) throw outcome;
	return { ...saved, labels: outcome };
}
