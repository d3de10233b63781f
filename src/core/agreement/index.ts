/** Inter-coder agreement on line units (issue 8, DESIGN §6). */
export * from './statistics';
export * from './units';
export * from './report';
export * from './study-input';
export * from './report-markdown';
