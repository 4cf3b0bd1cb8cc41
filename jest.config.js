// jest 30 with ts-jest's ESM preset; run through `npm run jest`, which sets
// NODE_OPTIONS=--experimental-vm-modules.
/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/actions', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  collectCoverage: true,
  coverageReporters: ['text-summary', 'lcov'],
  collectCoverageFrom: [
    'lib/**/*.ts',
    'actions/*/src/**/*.ts',
    '!actions/*/src/index.ts',
    '!**/*.d.ts',
  ],
  coverageThreshold: { global: { lines: 90 } },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
}
