/** The action's version, from package.json (bundled by ncc), for the report. */
import pkg from '../package.json' with { type: 'json' };

export const ACTION_VERSION: string = pkg.version;
