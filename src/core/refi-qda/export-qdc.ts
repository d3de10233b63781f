/**
 * The codebook alone as a REFI-QDA codebook exchange file (.qdc, spec §5.2): the same
 * codes, colours and descriptions as in a project export, for colleagues who start a
 * project of their own in another tool from this study's codebook.
 */
import type { Codebook } from '../codebook';
import { element, renderXmlDocument } from '../xml';
import { buildCodeTree, codeElements, disambiguateNames } from './export-codes';
import { EXPORT_ORIGIN } from './export-project';

const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const CODEBOOK_SCHEMA_LOCATION = `${CODEBOOK_NAMESPACE} http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd`;

export function renderCodebookQdc(codebook: Codebook | undefined, language: string, usedPaths: Iterable<string> = [], usedPolarities: Iterable<string> = []): string {
  const tree = buildCodeTree(codebook, usedPaths, usedPolarities, language);
  // QualCoder's codebook import (refi.py import_codebook → sub_codes) needs names unique across the codebook too.
  disambiguateNames(tree.roots);
  const root = element(
    'CodeBook',
    [
      ['xmlns', CODEBOOK_NAMESPACE],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      ['xsi:schemaLocation', CODEBOOK_SCHEMA_LOCATION],
      ['origin', EXPORT_ORIGIN],
    ],
    [element('Codes', [], codeElements(tree.roots))],
  );
  return renderXmlDocument(root);
}
