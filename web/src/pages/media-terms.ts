/** The media channels a brief considers and a plan line runs in (the API's enumeration). */
export const channels = ['tv', 'radio', 'print', 'outdoor', 'online', 'social', 'cinema', 'other'] as const;
export type Channel = (typeof channels)[number];
