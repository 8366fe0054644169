/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    deps: import('./domain/deps.ts').DomainDeps;
    locale: import('./i18n/locale.ts').Locale;
    requestId: string;
    clientKey: string;
    logger: import('./server/logger.ts').Logger;
    /** Back-office pages: the signed-in officer, or null. */
    officer: import('./domain/backoffice/officer.ts').Officer | null;
    /**
     * The program catalogue: the server's one copy per process while it is of the version the
     * session lookup read (back-office pages), else read anew (decision 0040).
     */
    catalogue: () => Promise<import('./domain/program-profiles/catalogue.ts').ProgramCatalogue>;
    /** Back-office pages: the connection is HTTPS, so cookies are marked Secure. */
    https: boolean;
    /**
     * False for a post that showed neither our Origin nor a same-site Referer: the page must find
     * its form's proof (`readPostedForm`) before acting on it.
     */
    postProven: boolean;
  }
}
