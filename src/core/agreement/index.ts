/** Inter-coder agreement on line units (issue 8, DESIGN §6). */
export { formatAgreementMarkdown } from './report-markdown';
export { type AgreementReport, computeAgreement, formatAgreementTable } from './report';
export { agreementInput, codersOf } from './study-input';
export { type CodedTranscriptForAgreement } from './units';
