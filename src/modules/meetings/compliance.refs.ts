import { builder } from '../../graphql/builder.ts';
import type { ComplianceReport } from './compliance.service.ts';

// Declared apart from its fields (compliance.graphql.ts) because Calendar and CoverageCompliance
// refer to each other: an explicit ref keeps TypeScript's inference out of the cycle.
export const ComplianceReportRef = builder.objectRef<ComplianceReport>('CoverageCompliance');
