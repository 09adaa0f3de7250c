// Package credential speaks Open Badges 3.0 and the Comprehensive Learner
// Record 2.0 for casenode: it builds the OB 3.0 Achievement that stands for a
// CASE item, rubric, rubric criterion or criterion level (its alignment
// points at the object's canonical uri), reads learners' credentials (an
// OpenBadgeCredential / AchievementCredential, a bare Achievement, or a
// ClrCredential; JSON or a JWT whose payload is read WITHOUT verifying its
// signature) down to their alignments, and resolves those alignments to CASE
// items held on this node, on a mirror or live on a peer, with their
// counterparts in a framework the caller names.
//
// It imports casefile only; the store, federation, crosswalk and search are
// reached through the small interfaces of resolve.go, wired in cmd/casenode.
package credential
