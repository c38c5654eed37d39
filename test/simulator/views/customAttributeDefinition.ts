import type { CustomAttributeDefinition } from '../types';

/** app/views/api/v1/models/_custom_attribute_definition.json.jbuilder. */
export function renderCustomAttributeDefinition(definition: CustomAttributeDefinition): Record<string, unknown> {
	return {
		id: definition.id,
		attribute_display_name: definition.attribute_display_name,
		attribute_display_type: definition.attribute_display_type,
		attribute_description: definition.attribute_description,
		attribute_key: definition.attribute_key,
		regex_pattern: definition.regex_pattern,
		regex_cue: definition.regex_cue,
		attribute_values: definition.attribute_values,
		attribute_model: definition.attribute_model,
		default_value: definition.default_value,
		created_at: definition.created_at,
		updated_at: definition.updated_at,
	};
}
