import type { Officer } from '../domain/backoffice/officer.ts';
import type { DomainDeps } from '../domain/deps.ts';
import type { Locale } from '../i18n/locale.ts';
import type { Logger } from './logger.ts';

/** What middleware puts on every request for the routes after it. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The caller's address, for rate limits only; never logged or stored. */
    clientKey: string;
    locale: Locale;
    localeCookie: string | undefined;
    deps: DomainDeps;
    logger: Logger;
    /** Back-office paths only: the signed-in officer, or null. */
    officer: Officer | null;
    /**
     * Back-office paths only: the program catalogue's version, read with the session (migration
     * 036); the server's copy of the catalogue is used while it is of this version.
     */
    catalogueVersion: number | undefined;
    /** Back-office paths only: whether cookies may be marked Secure. */
    https: boolean;
    /** Set by `limitBody` (json-body.ts): the most bytes `requestText` reads; unset elsewhere. */
    bodyLimit: number | undefined;
    /** Page posts: whether the browser showed the post comes from our pages (form-origin.ts). */
    postProven: boolean;
  };
}
