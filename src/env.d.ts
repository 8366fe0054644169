/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    deps: import('./domain/deps.ts').DomainDeps;
    locale: import('./i18n/locale.ts').Locale;
    requestId: string;
    clientKey: string;
    logger: import('./server/logger.ts').Logger;
  }
}
