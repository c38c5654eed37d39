import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CatalogReadError, readAccountLabels } from '../actions/contact/accountCatalog';
import { chosenAccountId, connectForDropdown } from './connect';

/** The account's labels by title: the contact labels endpoint takes titles, not label IDs. */
export async function getLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = chosenAccountId(this, 'the labels');
	const labels = await readAccountLabels(await connectForDropdown(this), accountId).catch((error: Error) => error);
	if (labels instanceof CatalogReadError) throw new NodeOperationError(this.getNode(), labels.message);
	if (labels instanceof Error) throw labels;
	return labels.map((label) => ({ name: label.title, value: label.title, description: label.description || undefined }));
}
