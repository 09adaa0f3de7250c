package casefile

import (
	"encoding/json"
	"strconv"
)

// Limits bound what one import may hold. They are enforced by the decoder
// for every path (file, URL, upload, peer, spreadsheet) and answered with a
// path-addressed problem; a zero field takes its default. cmd/casenode sets
// them from serve's flags (README "Limits"); the importer passes them here.
// The defaults are far above every real framework in the shared fixtures
// (largest: statement 3.2 KB, notes 1.4 KB, object 11 KB, 4,759 objects).
type Limits struct {
	MaxImportBytes    int64 // one input (--max-import-mb)
	MaxStatementBytes int   // fullStatement, abbreviatedStatement (--max-statement-bytes)
	MaxNotesBytes     int   // notes (--max-notes-bytes)
	MaxExtensionBytes int   // one unknown member, or one object's extensions (--max-extension-bytes)
	MaxObjectBytes    int   // one object's JSON: document, item, association, definition, rubric (--max-object-bytes)
	MaxObjects        int   // objects of one framework: items, associations, definitions, rubrics (--max-objects)
}

// DefaultLimits are the limits when none are configured.
func DefaultLimits() Limits {
	return Limits{
		MaxImportBytes:    512 << 20,
		MaxStatementBytes: 64 << 10,
		MaxNotesBytes:     64 << 10,
		MaxExtensionBytes: 64 << 10,
		MaxObjectBytes:    256 << 10,
		MaxObjects:        3_000_000,
	}
}

// InputTooLarge is the error for an input larger than limit bytes
// (Limits.MaxImportBytes): the decoder's, and the CLI's for a file whose
// size says so before it is read.
func InputTooLarge(limit int64) error {
	return Errorf(Invalid, "input is larger than the limit of %d bytes", limit)
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	orDefault(&l.MaxImportBytes, d.MaxImportBytes)
	orDefault(&l.MaxStatementBytes, d.MaxStatementBytes)
	orDefault(&l.MaxNotesBytes, d.MaxNotesBytes)
	orDefault(&l.MaxExtensionBytes, d.MaxExtensionBytes)
	orDefault(&l.MaxObjectBytes, d.MaxObjectBytes)
	orDefault(&l.MaxObjects, d.MaxObjects)
	return l
}

func orDefault[T int | int64](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// field gives the limit (and its flag) of a member with a limit of its own.
func (l *Limits) field(name string) (int, string) {
	switch name {
	case "fullStatement", "abbreviatedStatement":
		return l.MaxStatementBytes, "--max-statement-bytes"
	case "notes":
		return l.MaxNotesBytes, "--max-notes-bytes"
	case "extensions":
		return l.MaxExtensionBytes, "--max-extension-bytes"
	}
	return 0, ""
}

func overLimit(what string, n, limit int, flag string) string {
	return what + " is " + strconv.Itoa(n) + " bytes; the limit is " + strconv.Itoa(limit) + " (" + flag + ")"
}

// admit checks one object of a package against the limits before it is
// read: the object count, its total size (an oversized object is not read
// at all), and the members with a limit of their own (dropped when over).
// It returns false when the object must be skipped.
func (st *decodeState) admit(m map[string]json.RawMessage, path string) bool {
	return st.countObject(path) && st.admitSize(m, path)
}

// countObject counts one more object of the package; past the object limit
// it reports the problem (once) and returns false.
func (st *decodeState) countObject(path string) bool {
	l := &st.limits
	st.nObjects++
	if st.nObjects == l.MaxObjects+1 {
		st.r.problem(path, "the framework has more than "+strconv.Itoa(l.MaxObjects)+" objects (items, associations, definitions, rubrics); the limit is --max-objects")
	}
	return st.nObjects <= l.MaxObjects
}

// atObjectLimit reports whether one more object would be over the limit.
func (st *decodeState) atObjectLimit() bool { return st.nObjects >= st.limits.MaxObjects }

// admitSize is admit's check of one object's size and limited members.
func (st *decodeState) admitSize(m map[string]json.RawMessage, path string) bool {
	l := &st.limits
	total := 0
	for k, v := range m {
		total += len(k) + len(v) + 4
	}
	if total > l.MaxObjectBytes {
		st.r.problem(path, overLimit("the object", total, l.MaxObjectBytes, "--max-object-bytes"))
		return false
	}
	for k, v := range m {
		if limit, flag := l.field(k); limit > 0 && len(v) > limit {
			st.r.problem(path+"."+k, overLimit(k, len(v), limit, flag))
			delete(m, k)
		}
	}
	return true
}

// tooMany reports whether the object count is over the limit (reading the
// input any further is pointless).
func (st *decodeState) tooMany() bool { return st.nObjects > st.limits.MaxObjects }
