import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { CatalogReadError, readContactAttributeDefinitions } from '../actions/contact/accountCatalog';
import { FIELD_TYPES, listValues, type AttributeDefinition } from '../helpers/customAttributeValues';
import { chosenAccountId, connectForDropdown } from './connect';


function toField(definition: AttributeDefinition): ResourceMapperField {
	const type = FIELD_TYPES[definition.attribute_display_type] ?? 'string';
	return {
		id: definition.attribute_key,
		displayName: definition.attribute_display_name || definition.attribute_key,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
		...(type === 'options' ? { options: listValues(definition).map((value) => ({ name: value, value })) } : {}),
	};
}

/** The contact attributes defined in the chosen account, one mappable field each. */
export async function getContactAttributeFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const accountId = chosenAccountId(this, 'custom attributes');
	const definitions = await readContactAttributeDefinitions(await connectForDropdown(this), accountId).catch((error: Error) => error);
	if (definitions instanceof CatalogReadError) throw new NodeOperationError(this.getNode(), definitions.message);
	if (definitions instanceof Error) throw definitions;
	if (!definitions.length) {
		return {
			fields: [],
			emptyFieldsNotice: `Account ${accountId} has no custom attributes for contacts yet. Define them in Chatwoot under Settings → Custom Attributes (Applies to: Contact), then reopen this list; or set Custom Attributes to JSON in Additional Fields.`,
		};
	}
	return { fields: definitions.map(toField) };
}
