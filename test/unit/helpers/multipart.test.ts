import { encodeMultipart, FormEncodingError, toRailsFormFields } from '../../../nodes/Chatwoot/helpers/multipart';

describe('toRailsFormFields', () => {
	test('flattens nested objects and arrays into Rails bracket names, values as text', () => {
		expect(
			toRailsFormFields('additional_attributes', {
				company_name: 'Acme',
				social_profiles: { twitter: 'acme', github: 'acme-gh' },
				tags: ['vip', 'beta'],
				seats: 5,
				trial: false,
			}),
		).toEqual([
			['additional_attributes[company_name]', 'Acme'],
			['additional_attributes[social_profiles][twitter]', 'acme'],
			['additional_attributes[social_profiles][github]', 'acme-gh'],
			['additional_attributes[tags][]', 'vip'],
			['additional_attributes[tags][]', 'beta'],
			['additional_attributes[seats]', '5'],
			['additional_attributes[trial]', 'false'],
		]);
	});

	test('a scalar is one field', () => {
		expect(toRailsFormFields('inbox_id', 3)).toEqual([['inbox_id', '3']]);
		expect(toRailsFormFields('blocked', true)).toEqual([['blocked', 'true']]);
	});

	test.each([
		[{ a: null }, /"custom_attributes.a" is null/],
		[{ a: [] }, /"custom_attributes.a" is an empty list/],
		[{ a: {} }, /"custom_attributes.a" is an empty object/],
		[{ a: [[1]] }, /"custom_attributes.a\[0\]" is not text/],
		[{ a: [{ b: 1 }] }, /"custom_attributes.a\[0\]" is not text/],
		[{ 'a[b]': 1 }, /has the key "a\[b\]"/],
		[{ 'say "hi"': 1 }, /has the key "say \\"hi\\"", which a form field name cannot carry/],
		[{ 'two\nlines': 1 }, /has the key "two\\nlines"/],
		[{ 'carriage\rreturn': 1 }, /has the key "carriage\\rreturn"/],
		[{ a: Number.NaN }, /"custom_attributes.a" is NaN/],
	])('refuses what a form cannot carry: %j', (value, message) => {
		expect(() => toRailsFormFields('custom_attributes', value)).toThrow(FormEncodingError);
		expect(() => toRailsFormFields('custom_attributes', value)).toThrow(message);
	});
});

describe('encodeMultipart', () => {
	test('builds the exact multipart/form-data body, file last', () => {
		const { body, contentType } = encodeMultipart(
			[
				['name', 'Jane "JJ" Doe'],
				['custom_attributes[plan]', 'pro'],
			],
			{ field: 'avatar', filename: 'me.png', contentType: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x00, 0xff]) },
			'BOUNDARY',
		);
		expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
		expect(body).toEqual(
			Buffer.concat([
				Buffer.from(
					'--BOUNDARY\r\nContent-Disposition: form-data; name="name"\r\n\r\nJane "JJ" Doe\r\n' +
						'--BOUNDARY\r\nContent-Disposition: form-data; name="custom_attributes[plan]"\r\n\r\npro\r\n' +
						'--BOUNDARY\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n',
				),
				Buffer.from([0x89, 0x50, 0x00, 0xff]),
				Buffer.from('\r\n--BOUNDARY--\r\n'),
			]),
		);
	});

	test('escapes quotes and line breaks in names and file names as browsers do', () => {
		const { body } = encodeMultipart([['we"ird\r\nname', 'v']], { field: 'avatar', filename: 'a"b.png', contentType: 'image/png', bytes: Buffer.alloc(0) }, 'B');
		const text = body.toString('utf8');
		expect(text).toContain('name="we%22ird%0D%0Aname"');
		expect(text).toContain('filename="a%22b.png"');
	});

	test('uses a fresh random boundary by default', () => {
		const first = encodeMultipart([['a', '1']]).contentType;
		const second = encodeMultipart([['a', '1']]).contentType;
		expect(first).toMatch(/^multipart\/form-data; boundary=----n8nChatwoot[0-9a-f]{24}$/);
		expect(first).not.toBe(second);
	});
});
