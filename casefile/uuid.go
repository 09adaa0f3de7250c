package casefile

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// nameSpaceURL is the RFC 4122 URL namespace (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
// Every node maps the same non-UUID identifier to the same UUID.
var nameSpaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// IsUUID reports whether s is an identifier of the CASE 1.1 schema's shape:
// 8-4-4-4-12 lower-case hex digits, anchored, of any version or variant
// (`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`).
// Publishers' ids such as d0000000-0000-0000-0000-000000000000 are valid.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isLowerHex(c) {
				return false
			}
		}
	}
	return true
}

func isLowerHex(c byte) bool { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') }

// NameUUID returns the deterministic version 5 (SHA-1, URL namespace) UUID of s.
// It is used for identifiers that are not UUIDs (legacy URL ids, "local:…").
func NameUUID(s string) string {
	h := sha1.New()
	h.Write(nameSpaceURL[:])
	h.Write([]byte(s))
	var sum [20]byte
	h.Sum(sum[:0])
	return string(AppendUUIDv5(make([]byte, 0, 36), sum))
}

// AppendUUIDv5 appends to dst the text form of the version 5 UUID made of the
// first 16 bytes of a SHA-1 digest (version and RFC 4122 variant bits set).
func AppendUUIDv5(dst []byte, sum [20]byte) []byte {
	sum[6] = (sum[6] & 0x0f) | 0x50 // version 5
	sum[8] = (sum[8] & 0x3f) | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], sum[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], sum[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], sum[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], sum[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], sum[10:16])
	return append(dst, out[:]...)
}

// IDChange says how CanonicalID changed an identifier.
type IDChange int

const (
	IDKept    IDChange = iota // already canonical
	IDLowered                 // the schema's shape in upper or mixed case: lowered
	IDMapped                  // not of the schema's shape (URL, code, "local:…"): NameUUID of it
)

// CanonicalID is the one identifier rule of the node: an identifier of the
// CASE schema's shape is kept as published (lowered if it has upper-case
// digits); anything else is mapped to NameUUID(s) (the caller keeps the
// original). "" stays "".
func CanonicalID(s string) (string, IDChange) {
	if s == "" || IsUUID(s) {
		return s, IDKept
	}
	if l := strings.ToLower(s); IsUUID(l) {
		return l, IDLowered
	}
	return NameUUID(s), IDMapped
}

// IDCandidates lists the identifiers under which an object named s may be
// held: its canonical form, and for a mapped identifier also s itself (the
// original identifier the store can look up).
func IDCandidates(s string) []string {
	id, ch := CanonicalID(s)
	if ch == IDMapped {
		return []string{s, id}
	}
	return []string{id}
}

// SameID reports whether a and b name the same object under CanonicalID.
func SameID(a, b string) bool {
	if a == b {
		return true
	}
	ca, _ := CanonicalID(a)
	cb, _ := CanonicalID(b)
	return ca == cb
}

// isIDShape reports whether s has the schema's shape in any letter case.
func isIDShape(s string) bool { return len(s) == 36 && IsUUID(strings.ToLower(s)) }
