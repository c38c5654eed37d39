// Tests and dev scripts are not shipped: they get an ordinary TypeScript lint, not n8n's scanner rules
// (which forbid the imports a test needs, such as nock and n8n-core).
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
	{ ignores: ['dist/**', 'build/**', 'node_modules/**'] },
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
);
