/** Center spaces, services, requests and the directors' exchange (modules/centers). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CenterTables {}
