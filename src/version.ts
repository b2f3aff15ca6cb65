/** The action's version, from package.json (bundled by ncc), and its home, for the reports. */
import pkg from '../package.json' with { type: 'json' };

export const ACTION_VERSION: string = pkg.version;

/** Where the action's documentation is (the SARIF tool's informationUri). */
export const ACTION_URL = 'https://github.com/org/setup-go-enforced';
