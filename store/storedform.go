package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/casenode/casenode/casefile"
)

// storedFormVersion is the version of the stored form (the JSON of the data
// columns, see storedform_v1.go) that this code writes and reads. The
// database records the version of its rows in stored_form. Changing a member
// name, or anything else that changes the bytes of existing rows, makes a
// new version: new types, and a step in checkStoredForm that rewrites every
// data column, hash and content hash inside the migration transaction.
const storedFormVersion = 1

// checkStoredForm refuses a database whose rows are of a stored form this
// code does not know (written by a newer release).
func checkStoredForm(ctx context.Context, tx *sql.Tx) error {
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM stored_form WHERE id = 1`).Scan(&v); err != nil {
		return internal("read stored form version", err)
	}
	if v > storedFormVersion {
		return casefile.Errorf(casefile.Unavailable,
			"the database was written by a newer casenode (stored form %d; this release reads up to %d): use that release or a newer one", v, storedFormVersion)
	}
	return nil
}

// toStoredForm returns the stored-form value of a casefile value held in a
// data column. Items and associations are written by hand (encode_fast.go).
func toStoredForm(v any) (any, error) {
	switch x := v.(type) {
	case *casefile.Document:
		return toDocumentV1(x), nil
	case *casefile.Item:
		return toItemV1(x), nil
	case *casefile.Association:
		return toAssociationV1(x), nil
	case *casefile.Concept:
		return toConceptV1(x), nil
	case *casefile.Subject:
		return toSubjectV1(x), nil
	case *casefile.License:
		return toLicenseV1(x), nil
	case *casefile.ItemType:
		return toItemTypeV1(x), nil
	case *casefile.AssociationGrouping:
		return toGroupingV1(x), nil
	case *casefile.Rubric:
		return toRubricV1(x), nil
	case *packageExtra:
		return &packageExtraV1{Package: toCommonV1(x.Package), Definitions: toCommonV1(x.Definitions)}, nil
	}
	return nil, fmt.Errorf("store: %T has no stored form", v)
}

// decode reads a stored JSON column into a casefile value.
func decode[T any](data string) (T, error) {
	var v T
	if err := decodeStored([]byte(data), &v); err != nil {
		return v, fmt.Errorf("decode stored %T: %w", v, err)
	}
	return v, nil
}

func decodeStored(data []byte, dst any) error {
	switch d := dst.(type) {
	case *casefile.Document:
		return decodeAs(data, d, (*documentV1).casefile)
	case *casefile.Item:
		if it, ok := decodeItemFast(data); ok {
			*d = it
			return nil
		}
		return decodeAs(data, d, (*itemV1).casefile)
	case *casefile.Association:
		if a, ok := decodeAssociationFast(data); ok {
			*d = a
			return nil
		}
		return decodeAs(data, d, (*associationV1).casefile)
	case *casefile.Concept:
		return decodeAs(data, d, (*conceptV1).casefile)
	case *casefile.Subject:
		return decodeAs(data, d, (*subjectV1).casefile)
	case *casefile.License:
		return decodeAs(data, d, (*licenseV1).casefile)
	case *casefile.ItemType:
		return decodeAs(data, d, (*itemTypeV1).casefile)
	case *casefile.AssociationGrouping:
		return decodeAs(data, d, (*groupingV1).casefile)
	case *casefile.Rubric:
		return decodeAs(data, d, (*rubricV1).casefile)
	case *packageExtra:
		return decodeAs(data, d, func(x *packageExtraV1) packageExtra {
			return packageExtra{Package: x.Package.casefile(), Definitions: x.Definitions.casefile()}
		})
	}
	return fmt.Errorf("store: %T has no stored form", dst)
}

// decodeAs unmarshals data as stored form S and converts it into *dst.
func decodeAs[S, T any](data []byte, dst *T, conv func(*S) T) error {
	var s S
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*dst = conv(&s)
	return nil
}
