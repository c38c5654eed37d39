/**
 * The end-to-end test's workflows for custom attributes mapped from the account's definitions (Custom
 * Attributes → Map Each Attribute) and labels. They are built here rather than shipped in examples/: they
 * need the simulator's seeded definitions and labels, which a real Chatwoot account would not have.
 */
import { CUSTOM_ATTRIBUTE_DEFINITIONS, SEED } from '../../test/simulator/seed';
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, NODE_TYPE, type WorkflowNode } from './setup';
import { FIELD_TYPES } from '../../nodes/Chatwoot/helpers/customAttributeValues';

const A = SEED.contactAttributes;

export const MAPPED_WORKFLOW = { id: 'E2eMappedAttrs01', name: 'Chatwoot e2e: create contacts with mapped attributes and labels' };
export const MAPPER_WORKFLOW = { id: 'E2eAttrMapper001', name: 'Chatwoot e2e: attribute mapper, nothing added yet' };
export const MAPPED_NODE = 'Create contact with attributes';
export const MAPPER_NODE = 'Create contact (map attributes)';
export const MAPPED_LABELS = ['customer', 'vip'];

/** The contact attribute definitions of the main account, as the mapper should list them. */
export const CONTACT_DEFINITIONS = CUSTOM_ATTRIBUTE_DEFINITIONS.filter(
	(definition) => definition.accountId === SEED.accounts.main && definition.attribute_model === 'contact_attribute',
);

/** The attributes of other models or accounts, which the mapper must not offer. */
export const FOREIGN_DEFINITIONS = CUSTOM_ATTRIBUTE_DEFINITIONS.filter((definition) => !CONTACT_DEFINITIONS.includes(definition));

/** The input the editor draws for each display type (the node maps them to n8n field types: see methods/resourceMapping.ts). */
export const EDITOR_INPUT_BY_DISPLAY_TYPE = {
	text: 'text',
	number: 'number',
	currency: 'number',
	percent: 'number',
	link: 'text',
	date: 'date',
	list: 'select',
	checkbox: 'switch',
} as const;
export type EditorInput = (typeof EDITOR_INPUT_BY_DISPLAY_TYPE)[keyof typeof EDITOR_INPUT_BY_DISPLAY_TYPE];


export interface MappedPerson {
	name: string;
	email: string;
	attributes: Record<string, string | number | boolean>;
}

/** One contact with every attribute type set, one with a few (the others stay unset and are not sent). */
export const MAPPED_PEOPLE: MappedPerson[] = [
	{
		name: 'Katherine Johnson',
		email: 'katherine.johnson@example.com',
		attributes: {
			[A.text]: 'KJ-1918',
			[A.number]: 5,
			[A.currency]: 1250.5,
			[A.percent]: 12.5,
			[A.link]: 'https://crm.example.com/contacts/katherine-johnson',
			[A.date]: '2027-01-31',
			[A.list]: 'enterprise',
			[A.checkbox]: true,
		},
	},
	{
		name: 'Dorothy Vaughan',
		email: 'dorothy.vaughan@example.com',
		attributes: { [A.number]: '12', [A.list]: 'pro', [A.checkbox]: false },
	},
];

function node(id: string, name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>): WorkflowNode {
	return { id, name, type, typeVersion, position: [x, 0], parameters };
}

function chatwootNode(id: string, name: string, parameters: Record<string, unknown>): WorkflowNode {
	return {
		...node(id, name, NODE_TYPE, 1, 440, {
			resource: 'contact',
			operation: 'create',
			accountId: SEED.accounts.main,
			inboxId: SEED.inboxes.api,
			name: '={{ $json.name }}',
			email: '={{ $json.email }}',
			avatarSource: 'none',
			...parameters,
		}),
		credentials: { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } },
	};
}

function workflow(meta: { id: string; name: string }, nodes: WorkflowNode[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { ...meta, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

const trigger = (id: string) => node(id, "When clicking 'Execute workflow'", 'n8n-nodes-base.manualTrigger', 1, 0, {});

/**
 * Code → Create with every contact attribute mapped to an expression on the item (an item without the
 * value gives an empty field, which is not sent) and two labels. The mapping is stored as the editor
 * stores it once the attributes were added: values plus the schema of the fields.
 */
export function mappedAttributesWorkflow() {
	const people = MAPPED_PEOPLE.map(({ name, email, attributes }) => ({ name, email, ...attributes }));
	const jsCode = `return ${JSON.stringify(people, null, 2)}.map((json) => ({ json }));`;
	const schema = CONTACT_DEFINITIONS.map((definition) => ({
		id: definition.attribute_key,
		displayName: definition.attribute_display_name,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: FIELD_TYPES[definition.attribute_display_type],
		...(definition.attribute_display_type === 'list'
			? { options: definition.attribute_values.map((value) => ({ name: String(value), value: String(value) })) }
			: {}),
		removed: false,
	}));
	const value = Object.fromEntries(CONTACT_DEFINITIONS.map(({ attribute_key: key }) => [key, `={{ $json.${key} }}`]));
	return workflow(MAPPED_WORKFLOW, [
		trigger('5d0c6a7e-1f2b-4c3d-8e9f-a0b1c2d3e401'),
		node('5d0c6a7e-1f2b-4c3d-8e9f-a0b1c2d3e402', 'Contacts with attributes', 'n8n-nodes-base.code', 2, 220, { jsCode }),
		chatwootNode('5d0c6a7e-1f2b-4c3d-8e9f-a0b1c2d3e403', MAPPED_NODE, {
			labels: MAPPED_LABELS,
			customAttributesMode: 'map',
			customAttributesMapping: {
				mappingMode: 'defineBelow',
				value,
				matchingColumns: [],
				schema,
				attemptToConvertTypes: false,
				convertFieldsToString: false,
			},
		}),
	]);
}

/** A Create node set to Map Each Attribute with nothing added yet: opening it makes the editor load the fields. */
export function attributeMapperWorkflow() {
	return workflow(MAPPER_WORKFLOW, [
		trigger('5d0c6a7e-1f2b-4c3d-8e9f-a0b1c2d3e411'),
		chatwootNode('5d0c6a7e-1f2b-4c3d-8e9f-a0b1c2d3e412', MAPPER_NODE, {
			customAttributesMode: 'map',
			customAttributesMapping: { mappingMode: 'defineBelow', value: null },
		}),
	]);
}
