import type { IDataObject, INodeExecutionData, INodeParameters, ResourceMapperValue } from 'n8n-workflow';

/** Small real images: each starts with its format's signature, as Chatwoot's type check expects. */
export const PNG_1x1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);
export const GIF_1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
export const JPEG_HEADER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

export function binaryItem(bytes: Buffer, mimeType: string, fileName?: string, json: IDataObject = {}): INodeExecutionData {
	return { json, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } };
}

export const TOKEN = 'secretTokenAbc123XyZ9876';

export type MappedValues = ResourceMapperValue['value'];

/** Node parameters for Custom Attributes → Map Each Attribute, as the editor stores them. */
export function attributeMapping(value: MappedValues, mappingMode: 'defineBelow' | 'autoMapInputData' = 'defineBelow'): INodeParameters {
	const customAttributesMapping: ResourceMapperValue = {
		mappingMode,
		value,
		matchingColumns: [],
		schema: [],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
	return { customAttributesMode: 'map', customAttributesMapping };
}
