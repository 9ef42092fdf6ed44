import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.esbuild/**', '.serverless/**', '.data/**', 'test-results/**', 'bench/results/**', 'miniprogram/babel.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // TypeScript checks names itself; plain .js/.mjs files run on Node.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['functions/src/**/*.ts'],
    rules: {
      // Never log request bodies or personal data; faults are logged once, by the error middleware.
      'no-console': ['error', { allow: ['error'] }],
    },
  },
);
