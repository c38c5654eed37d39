/**
 * `params.permit(:name, :identifier, :email, :phone_number, :avatar, :blocked, :avatar_url,
 *  additional_attributes: {}, custom_attributes: {})` (contacts_controller.rb)
 * plus the ActiveModel casts applied when the values are assigned to the columns.
 */
import { isParamHash, own, setOwn, UploadedFile, type ParamHash, type ParamValue } from '../http/rackParams';

export type AvatarParam = { kind: 'file'; file: UploadedFile } | { kind: 'detach' } | { kind: 'unresolvable' };

export interface ContactParams {
	name?: string | null;
	email?: string | null;
	phone_number?: string | null;
	identifier?: string | null;
	blocked?: boolean | null;
	avatar?: AvatarParam;
	additional_attributes?: Record<string, unknown>;
	custom_attributes?: Record<string, unknown>;
}

type PermittedScalar = string | number | boolean | null | UploadedFile;

function isPermittedScalar(value: ParamValue | undefined): value is PermittedScalar {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value) || value instanceof UploadedFile;
}

/** ActiveModel::Type::String#cast_value. */
function castString(value: PermittedScalar): string | null {
	if (value === null) return null;
	if (value === true) return 't';
	if (value === false) return 'f';
	if (value instanceof UploadedFile) return '#<ActionDispatch::Http::UploadedFile>';
	return String(value);
}

const FALSE_VALUES = new Set<unknown>([false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

/** ActiveModel::Type::Boolean: "" and nil become nil, FALSE_VALUES false, anything else true. */
function castBoolean(value: PermittedScalar): boolean | null {
	if (value === null || value === '') return null;
	return !FALSE_VALUES.has(value);
}

/** ActiveStorage's one-attachment setter: nil/"" detach; a string is a signed blob id we can never resolve. */
function castAvatar(value: PermittedScalar): AvatarParam {
	if (value instanceof UploadedFile) return { kind: 'file', file: value };
	if (value === null || value === '') return { kind: 'detach' };
	return { kind: 'unresolvable' };
}

/**
 * `permit(key: {})` keeps scalars, hashes and arrays of scalars or hashes; an array directly inside
 * an array is dropped (`{"grid": [[1, 2], 3]}` keeps `{"grid": [3]}`).
 */
function permitAny(value: ParamValue): unknown {
	if (value instanceof UploadedFile) return { filename: value.filename, content_type: value.declaredType };
	if (Array.isArray(value)) return value.filter((item) => !Array.isArray(item)).map(permitAny);
	if (isParamHash(value)) {
		const permitted: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			setOwn(permitted, key, permitAny(item));
		}
		return permitted;
	}
	return value;
}

const STRING_COLUMNS = ['name', 'email', 'phone_number', 'identifier'] as const;
const HASH_COLUMNS = ['additional_attributes', 'custom_attributes'] as const;

export function permitContactParams(params: ParamHash): ContactParams {
	const permitted: ContactParams = {};
	for (const column of STRING_COLUMNS) {
		const value = own(params, column);
		if (isPermittedScalar(value)) permitted[column] = castString(value);
	}
	const blocked = own(params, 'blocked');
	if (isPermittedScalar(blocked)) permitted.blocked = castBoolean(blocked);
	const avatar = own(params, 'avatar');
	if (isPermittedScalar(avatar)) permitted.avatar = castAvatar(avatar);
	for (const column of HASH_COLUMNS) {
		// A non-hash value is not permitted and disappears without an error.
		const value = own(params, column);
		if (isParamHash(value)) permitted[column] = permitAny(value) as Record<string, unknown>;
	}
	return permitted;
}

/** `params[:avatar_url]`, which starts Avatar::AvatarFromUrlJob when present. */
export function requestedAvatarUrl(params: ParamHash): string | undefined {
	const value = own(params, 'avatar_url');
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
