// Timestamps in human renderings: ISO without the T and the seconds' fraction, '-' when absent.
export const short = (iso: string | null): string => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '-');
