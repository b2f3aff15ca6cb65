// The matcher that @microsoft/jest-sarif adds (import '@microsoft/jest-sarif' in the test file).
declare namespace jest {
  interface Matchers<R> {
    /** valid against the SARIF 2.1.0 JSON schema */
    toBeValidSarifLog(): R;
  }
}
