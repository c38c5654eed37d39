/**
 * GET /api/v1/accounts/:account_id/custom_attribute_definitions
 * (custom_attribute_definitions_controller.rb#index): a bare JSON array, every model unless
 * `attribute_model` is present, then `where(attribute_model:)` on the enum column.
 */
import type { AccountScope } from './authentication';
import { param, type HandlerContext } from './handlerContext';
import { rubyToI } from '../domain/ruby';
import { jsonReply, type Reply } from '../http/reply';
import type { ParamValue } from '../http/rackParams';
import type { AttributeModel } from '../types';
import { renderCustomAttributeDefinition } from '../views/customAttributeDefinition';

const MODELS: readonly AttributeModel[] = ['conversation_attribute', 'contact_attribute', 'company_attribute'];

/**
 * The enum accepts its names and its integer values (`"1"`, `"1abc"` and 1 are contact_attribute);
 * any other value matches no row. Undefined means "no filter".
 */
function requestedModel(value: ParamValue | undefined): AttributeModel | null | undefined {
	if (value === undefined || value === null || value === '' || value === false) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	if (typeof value === 'string' && (MODELS as readonly string[]).includes(value)) return value as AttributeModel;
	if (typeof value === 'string' && /^\s*[-+]?\d/.test(value)) return MODELS[rubyToI(value)] ?? null;
	if (typeof value === 'number') return MODELS[Math.trunc(value)] ?? null;
	return null;
}

export function listCustomAttributeDefinitions(context: HandlerContext, scope: AccountScope): Reply {
	// `params.permit(:attribute_model)` keeps scalars only.
	const raw = param(context, 'attribute_model');
	const model = Array.isArray(raw) || (typeof raw === 'object' && raw !== null) ? undefined : requestedModel(raw);
	const definitions = context.catalog
		.customAttributeDefinitions(scope.account.id)
		.filter((definition) => model === undefined || definition.attribute_model === model);
	return jsonReply(200, definitions.map(renderCustomAttributeDefinition));
}
