package main

import (
	"fmt"

	"github.com/casenode/casenode/casefile"
)

// limitFlags are serve's flags for the import limits (casefile.Limits, one
// struct the importer passes to the decoder for every path).
type limitFlags struct {
	importMB, statement, notes, extension, object, objects *int
}

func addLimitFlags(f *flags) *limitFlags {
	d := casefile.DefaultLimits()
	return &limitFlags{
		importMB:  f.Int("max-import-mb", int(d.MaxImportBytes>>20), "largest import (file, URL, upload, peer package), in MB"),
		statement: f.Int("max-statement-bytes", d.MaxStatementBytes, "largest fullStatement or abbreviatedStatement accepted, in bytes"),
		notes:     f.Int("max-notes-bytes", d.MaxNotesBytes, "largest notes accepted, in bytes"),
		extension: f.Int("max-extension-bytes", d.MaxExtensionBytes, "largest unknown member or extensions of one object, in bytes"),
		object:    f.Int("max-object-bytes", d.MaxObjectBytes, "largest single object (document, item, association, definition, rubric), in bytes"),
		objects:   f.Int("max-objects", d.MaxObjects, "most objects (items, associations, definitions, rubrics) in one framework"),
	}
}

// limits validates the flags and returns the limits they set.
func (l *limitFlags) limits() (casefile.Limits, error) {
	for _, v := range []*int{l.importMB, l.statement, l.notes, l.extension, l.object, l.objects} {
		if *v < 1 {
			return casefile.Limits{}, fmt.Errorf("--max-import-mb, --max-statement-bytes, --max-notes-bytes, --max-extension-bytes, --max-object-bytes and --max-objects must be at least 1")
		}
	}
	return casefile.Limits{MaxImportBytes: int64(*l.importMB) << 20, MaxStatementBytes: *l.statement, MaxNotesBytes: *l.notes,
		MaxExtensionBytes: *l.extension, MaxObjectBytes: *l.object, MaxObjects: *l.objects}, nil
}
