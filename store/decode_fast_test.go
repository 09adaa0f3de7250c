package store

import (
	"reflect"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/seed"
)

// checkFastRead reads data (the stored JSON of v) with the reflection-free
// reader and with encoding/json: both must give the same object, and the
// fast reader must handle it (everything the encoder writes).
func checkFastRead(t *testing.T, where string, v any, data []byte) {
	t.Helper()
	var got, want any
	var ok bool
	var err error
	switch v.(type) {
	case *casefile.Item:
		var w casefile.Item
		err = decodeAs(data, &w, (*itemV1).casefile)
		got, ok = decodeItemFast(data)
		want = w
	case *casefile.Association:
		var w casefile.Association
		err = decodeAs(data, &w, (*associationV1).casefile)
		got, ok = decodeAssociationFast(data)
		want = w
	default:
		return
	}
	if err != nil || !ok {
		t.Fatalf("%s: encoding/json error %v, fast reader handled it: %v\n%s", where, err, ok, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: fast reader gives\n%#v\nencoding/json gives\n%#v", where, got, want)
	}
}

// Rows in a shape the encoder does not write (an older encoder's, a hand
// edit) are read by encoding/json, with its rules: keys match in any case,
// null leaves a field as it is, whitespace is allowed.
func TestFastReadFallsBackToEncodingJSON(t *testing.T) {
	for _, data := range []string{
		`{"identifier":"x","FullStatement":"y"}`,
		`{ "Identifier": "x", "FullStatement": null }`,
		`{"Identifier":"x","Subject":["a",null]}`,
		`{"Identifier":"x","SequenceNumber":1.0}`,
		`{"Identifier":"x","OriginNodeURI":null}`,
		`{"Identifier":"x","CFItemTypeURI":{"title":"t","extra":1}}`,
	} {
		var it, want casefile.Item
		if err := decodeStored([]byte(data), &it); err != nil {
			t.Errorf("%s: %v", data, err)
			continue
		}
		if err := decodeAs([]byte(data), &want, (*itemV1).casefile); err != nil || !reflect.DeepEqual(it, want) || it.Identifier != "x" {
			t.Errorf("%s: read %#v, encoding/json reads %#v (%v)", data, it, want, err)
		}
	}
	var a casefile.Association
	if err := decodeStored([]byte(`{"Identifier":"x","SequenceNumber":1.5}`), &a); err == nil {
		t.Error("a fractional sequence number was read without error")
	}
}

// Whatever the bytes, the fast reader either gives up or agrees with
// encoding/json.
func FuzzFastStoredRead(f *testing.F) {
	seq := 3
	it := casefile.Item{Identifier: "i", FullStatement: "a\u2028\"\\é", Subject: []string{}, EducationLevel: []string{"05"},
		SubjectURI: []casefile.LinkURI{{Title: "t"}}, CFItemTypeURI: &casefile.LinkURI{URI: "u"},
		Common: casefile.Common{Extensions: casefile.Fields{"x": []byte(`{"a":[1,2]}`)}, OriginalIdentifier: "o"}}
	a := casefile.Association{Identifier: "a", SequenceNumber: &seq, OriginNodeURI: casefile.LinkGenURI{TargetType: "CFItem"}}
	bi, _ := appendItem(nil, &it)
	ba, _ := appendAssociation(nil, &a)
	f.Add(bi)
	f.Add(ba)
	f.Add([]byte(`{"Identifier":"\ud835","Notes":"\u0000"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, ok := decodeItemFast(data); ok {
			var want casefile.Item
			if err := decodeAs(data, &want, (*itemV1).casefile); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("item %q: fast %#v, encoding/json %#v (%v)", data, got, want, err)
			}
		}
		if got, ok := decodeAssociationFast(data); ok {
			var want casefile.Association
			if err := decodeAs(data, &want, (*associationV1).casefile); err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("association %q: fast %#v, encoding/json %#v (%v)", data, got, want, err)
			}
		}
	})
}

// BenchmarkStoredItemRead reads the stored JSON of synthetic items with the
// fast reader (fast) and with encoding/json (reflect).
func BenchmarkStoredItemRead(b *testing.B) {
	pkg := seed.Synth(seed.SynthOptions{Items: 1000, Seed: 7})
	rows := make([][]byte, len(pkg.CFItems))
	size := 0
	for i := range pkg.CFItems {
		rows[i], _ = appendItem(nil, &pkg.CFItems[i])
		size += len(rows[i])
	}
	for _, mode := range []string{"fast", "reflect"} {
		b.Run(mode, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, r := range rows {
					var it casefile.Item
					var err error
					if mode == "fast" {
						err = decodeStored(r, &it)
					} else {
						err = decodeAs(r, &it, (*itemV1).casefile)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
