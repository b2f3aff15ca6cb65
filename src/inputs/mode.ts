/** The `mode` input: install (resolve, install, check), verify (check the go on PATH), plan (resolve only). */
export type Mode = 'install' | 'verify' | 'plan';
