import type { IDataObject, IExecuteFunctions, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { checkAttributeValue, isEmptyAttributeValue } from '../../helpers/customAttributeValues';
import type { AttributeDefinition } from '../../helpers/customAttributeValues';
import { isPlainObject } from '../../helpers/isPlainObject';
import { inputError, readJsonObject } from '../itemInput';
import { catalogReadFailure } from './accountCatalog';
import type { AccountCatalog } from './accountCatalog';

export const customAttributesModeProperty: INodeProperties = {
	displayName: 'Custom Attributes',
	name: 'customAttributesMode',
	type: 'options',
	default: 'json',
	options: [
		{
			name: 'JSON in Additional Fields',
			value: 'json',
			description: 'Write the attributes as one JSON object under Additional Fields → Custom Attributes, sent as written',
		},
		{
			name: 'Map Each Attribute',
			value: 'map',
			description: "One field per contact attribute defined in the account, each checked against the attribute's type before sending",
		},
	],
};

export const customAttributesMappingProperty: INodeProperties = {
	displayName: 'Attributes',
	name: 'customAttributesMapping',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	displayOptions: { show: { customAttributesMode: ['map'] } },
	typeOptions: {
		loadOptionsDependsOn: ['accountId.value'],
		resourceMapper: {
			resourceMapperMethod: 'getContactAttributeFields',
			mode: 'add',
			fieldWords: { singular: 'attribute', plural: 'attributes' },
			// Added fields are sent; starting with none added means nothing is sent unasked (a checkbox
			// would otherwise start as false and overwrite the stored value).
			addAllFields: false,
			supportAutoMap: true,
			noFieldsError: 'This account has no custom contact attributes',
		},
	},
	description:
		'Only the attributes added here are sent, and only when they have a value. An added checkbox that is off sends false.',
};

/** The custom attribute parameters, shown after Additional Fields. */
export const customAttributesProperties: INodeProperties[] = [customAttributesModeProperty, customAttributesMappingProperty];

type CustomAttributesMode = 'json' | 'map';

/**
 * The values to check: the ones defined below, or with "Map Automatically" all of the input item's
 * fields (`automatic`), of which those that are no attribute key are skipped once the definitions are read.
 */
function mappedSource(context: IExecuteFunctions, itemIndex: number): { values: IDataObject; automatic: boolean } {
	const mapping = context.getNodeParameter('customAttributesMapping', itemIndex, null) as ResourceMapperValue | null;
	if (mapping?.mappingMode === 'autoMapInputData') return { values: context.getInputData()[itemIndex].json, automatic: true };
	return { values: isPlainObject(mapping?.value) ? (mapping.value as IDataObject) : {}, automatic: false };
}

async function readMappedCustomAttributes(
	context: IExecuteFunctions,
	itemIndex: number,
	accountId: number,
	catalog: AccountCatalog,
): Promise<IDataObject | undefined> {
	const { values, automatic } = mappedSource(context, itemIndex);
	const given = Object.entries(values).filter(([, value]) => !isEmptyAttributeValue(value));
	if (!given.length) return undefined;

	let definitions: AttributeDefinition[];
	try {
		definitions = await catalog.contactAttributeDefinitions(accountId);
	} catch (error) {
		throw catalogReadFailure(context, itemIndex, error, 'to check the mapped attribute values');
	}
	const byKey = new Map(definitions.map((definition) => [definition.attribute_key, definition]));
	const attributes: IDataObject = {};
	for (const [key, value] of given) {
		const definition = byKey.get(key);
		if (!definition) {
			if (automatic) continue;
			throw inputError(
				context,
				itemIndex,
				`Custom attribute "${key}" is not defined for contacts in account ${accountId}`,
				'It may have been deleted or renamed in Chatwoot since the list was loaded. Open the Attributes list, refresh it and remove the attribute.',
			);
		}
		const check = checkAttributeValue(definition, value, catalog.pattern(definition));
		if (!check.ok) {
			throw inputError(context, itemIndex, `Custom attribute "${definition.attribute_display_name}" (${key}) ${check.problem}`, check.hint);
		}
		attributes[key] = check.value;
	}
	return Object.keys(attributes).length ? attributes : undefined;
}

/**
 * The item's custom attributes as sent to Chatwoot, in either mode: the JSON object of
 * `additionalFields` (the item's Additional Fields, already read by the caller) as written, or the
 * mapped attributes checked against the account's definitions (read once per run through `catalog`).
 * Only attributes with a value are included; undefined when there are none.
 */
export async function readCustomAttributes(
	context: IExecuteFunctions,
	itemIndex: number,
	accountId: number,
	catalog: AccountCatalog,
	additionalFields: IDataObject,
): Promise<IDataObject | undefined> {
	const mode = context.getNodeParameter('customAttributesMode', itemIndex, 'json') as CustomAttributesMode;
	if (mode === 'map') return await readMappedCustomAttributes(context, itemIndex, accountId, catalog);
	return readJsonObject(context, itemIndex, additionalFields.customAttributes, 'Custom Attributes');
}
