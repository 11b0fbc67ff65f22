export { backgroundFields, backgroundQuestions, backgroundSchema, backgroundUpdateSchema, type Background, type BackgroundUpdate } from "@/lib/contract";
export { readBackground, readProfile, uncountBackground, updateBackground, writeBackground } from "./store";
export { anonymizeAuditEvents, auditContextFrom, auditEvents, recordAuditEvent, type AuditContext, type AuditEventName } from "./audit";
export { profileSealedColumns, sealedBackground, sealedChangeLevels } from "./sealed-columns";
