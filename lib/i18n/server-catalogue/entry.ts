/**
 * One catalogued message: the English text (its `{name}` placeholders are filled from the refusal's
 * parameters) and the Chinese. The Chinese may leave out a placeholder the English has (e.g. a list
 * of findings the Chinese UI already shows beside the message), never add one.
 */
export type CatalogueEntries = Record<string, { en: string; zh: string }>;
