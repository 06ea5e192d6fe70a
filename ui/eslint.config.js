// Lints the UI in the test command: TypeScript's recommended rules and React's hooks rules (the
// rules of hooks, exhaustive dependencies, and the React Compiler's checks that ship with them).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/bindings.ts', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    // The React Compiler is not used, so a hook it cannot compile (TanStack Virtual's) is no fault.
    rules: { 'react-hooks/incompatible-library': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
);
