// The training module's public verbs (courses, exams, certificates, partner tiers, jobs).
// Other modules and routes import this file, never the module's insides.
export { syncCourses, type SyncReport } from './sync.server'
export { completeModule, coursePage, enrolInCourse, trainingCatalogue } from './learning.server'
export { examPage, gradeAnswers, startExam, submitExam } from './exams.server'
export {
  certificatePdf,
  certificationsOf,
  certifiedPeople,
  expireCertificates,
  formatCode,
  getCertificate,
  grantCertificate,
  revokeCertificate,
  sendCertificateReminders,
  verifyCertificate,
  type Verification,
} from './certificates.server'
export { evaluatePartnerTiers, getTierRules, tierProgressFor, updateTierRules } from './tiers.server'
export { certificationsByPartner, examPassRates, expiringCertificates } from './manage.server'
export { certificationOptions, trainingHome } from './home.server'
