/**
 * Deal-registration conflict detection: does a customer company typed by a reseller match an existing CRM account?
 *
 * Pure and dependency-free on purpose: the same code runs in the registration form (browser, live hint while
 * typing), in the server-side check, and in the offline evaluation script, so all three agree.
 *
 * The model, in one paragraph. Identity evidence (same corporate domain, same NPWP) is decisive. Without it we
 * decide on the name alone, and the name rule is deliberately strict: two names match only when EVERY
 * distinctive word on each side finds a counterpart on the other (exactly, as a known abbreviation, or as a small
 * typo). Everything else that real people vary (legal form, case, punctuation, accents, spacing, word order,
 * "Group", "Indonesia", a city) costs little or nothing. That strictness is what separates "PT Mitra Mandiri" from
 * its sister "PT Mitra Mandiri Logistik", or "Makmur Baru" from "Makmur Biru": in this market nearly every word of
 * a company name (Maju, Jaya, Makmur, Sentosa, ...) is common, so "most words overlap" is not evidence at all.
 *
 * Words are compared in a folded spelling (foldSpelling): old Indonesian spelling (Djaja, Tjipta, Soekarno) and
 * English respellings (Systems, Technology, Telecommunication) become one form by rule rather than by word list,
 * and branch/office qualifiers ("Cabang Surabaya", "Head Office") are dropped as not part of the company's name.
 * How much a name says is weighed by the rarity of its words (inverse document frequency over the accounts, kept
 * by the matching module's key counts; a built-in list of common name words when there are no statistics): a name
 * made only of common words ("Sukses Makmur", "Global Teknologi") cannot outweigh a different corporate domain or
 * pass as "the name is the other's domain", while one distinctive word can.
 */

// Split along its sections: normalise.ts (records prepared once), score.ts (comparison and scoring), keys.ts
// (blocking keys for the index) and explain.ts (reasons in words). This file is the public entry.

export * from './normalise'
export * from './score'
export * from './keys'
export * from './explain'
