export { backgroundFields, backgroundQuestions, backgroundSchema, backgroundUpdateSchema, type Background, type BackgroundUpdate } from "@/lib/contract";
export { readBackground, readProfile, uncountBackground, updateBackground, writeBackground, type ReaderProfile } from "./store";
export { anonymizeAuditEvents, auditContextFrom, auditEvents, recordAuditEvent, type AuditContext, type AuditEventName, type AuditRecord } from "./audit";
export { profileSealedColumns, sealedBackground, sealedChangeLevels } from "./sealed-columns";
