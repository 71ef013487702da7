import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import mitra from './tools/eslint/boundaries.js'

/** Files other modules may import besides <module>.*.ts and components (see tools/eslint/boundaries.js). */
export const PUBLIC_FILES = {
  auth: ['actor.ts', 'roles.ts', 'permissions.ts', 'require-actor.server.ts', 'navigation.ts'],
  matching: ['company-match.ts'],
}

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'data/**', 'bench/.data/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'tests/lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // every service verb is asynchronous (PostgreSQL later): a verb called without await would lose its
    // errors, so the compiler's types are used to refuse a forgotten await
    files: ['app/**/*.{ts,tsx}', 'tests/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['tests/lint/fixtures/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/await-thenable': 'error' },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { mitra },
    rules: { 'mitra/boundaries': ['error', { root: import.meta.dirname, publicFiles: PUBLIC_FILES }] },
  },
  {
    // links and forms come from components/navigation.tsx, which falls back to Remix's own where it must (issue 10)
    files: ['app/**/*.tsx'],
    ignores: ['app/components/navigation.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@remix-run/react', importNames: ['Link', 'Form'], message: "Import Link and Form from app/components/navigation.tsx: plain elements, one listener per document, Remix's components where needed." }] },
      ],
    },
  },
)
