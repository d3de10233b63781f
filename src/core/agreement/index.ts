/** Inter-coder agreement: line units (issue 8, DESIGN §6) and unitized alpha, report files, blind coding (issue 16). */
export { buildAgreementDocument } from './agreement-document';
export { renderAgreementDocumentDocx } from './agreement-document-docx';
export { renderAgreementDocumentMarkdown } from './agreement-document-markdown';
export { doneAttributeKey, doneAttributeValue } from './blind';
export { formatAgreementMarkdown } from './report-markdown';
export { type AgreementReport, computeAgreement, formatAgreementTable } from './report';
export { agreementInput, codersOf } from './study-input';
export { type CodedTranscriptForAgreement } from './units';
