/**
 * Public surface of the audit core: pure crypto and formats, no database, HTTP or
 * framework code (the Postgres appender and the CLI wrap these). Deliberately not
 * "server-only": the CLI imports it outside Next.js. See docs/audit-format.md.
 */
export { canonicalize, canonicalBytes } from "./jcs";
export { sha256, toHex, fromHex, ZERO_HASH_HEX, HASH_BYTES } from "./bytes";
export { isAuditTimestamp, toAuditTimestamp, ZTimestamp } from "./timestamp";
export { generateKeyPair, getPublicKey, signEd25519, verifyEd25519, signNative, verifyNative, signNoble, verifyNoble } from "./ed25519";
export {
  ZKeyRecord, keyIdOf, generateSigningKey, signingKeyFromSecretHex, encodeSecretKey, toKeyRecord,
  rotateKeyRecords, keyRecordProblem, isKeyValidAt,
  type TKeyRecord, type TSigningKey,
} from "./keys";
export {
  ZAuditEventBody, ZFindingsSummary, hashEvent, signEventHash, verifyEventSignature, sealEvent, sealEventChain, verifySignedEvent,
  createLocalSigner,
  type TAuditEventBody, type TAuditEventDraft, type TAuditSigner, type TSignedAuditEvent,
} from "./event";
export { EMPTY_ROOT, leafHash, nodeHash, merkleRoot, MerkleAccumulator, frontierLength, frontierRanges } from "./merkle";
export {
  inclusionPath, buildInclusionProof, consistencyPath, buildConsistencyProof, rootFromInclusionPath,
  verifyInclusion, verifyInclusionProof, verifyConsistency, verifyConsistencyProof,
  type TInclusionProof, type TConsistencyProof,
} from "./merkle-proof";
export { ZTreeHeadBody, hashTreeHead, signTreeHead, verifyTreeHeadSignature, chainProblem, type TTreeHeadBody, type TSignedTreeHead } from "./tree-head";
export { exportLines, serializeExport, EXPORT_FORMAT, EXPORT_VERSION, RANGE_EXPORT_VERSION, type TExportInput, type TExportAnchor, type TExportVersion } from "./export";
export {
  verifyExport, verifyExportStream, ExportVerifier,
  type TVerifyResult, type TVerifyFailure, type TVerifySuccess, type TVerifyOptions, type TVerifyFailureCode,
} from "./export-verify";
export { splitLines } from "./lines";
export { signNativeAsync, verifyNativeAsync } from "./ed25519";
