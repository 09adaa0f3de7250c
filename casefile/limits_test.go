package casefile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
)

// limitPackage is a valid package with n items; extra is spliced into the
// first item, top into the package object.
func limitPackage(n int, extra, top string) string {
	var b strings.Builder
	b.WriteString(`{"CFDocument":{"identifier":"d3000000-0000-4000-8000-000000000000","uri":"https://x.test/doc","creator":"c","title":"t","lastChangeDateTime":"2024-01-01T00:00:00Z"}` + top + `,"CFItems":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		x := ""
		if i == 0 {
			x = extra
		}
		fmt.Fprintf(&b, `{"identifier":"e3000000-0000-4000-8000-%012d","uri":"https://x.test/%d","fullStatement":"s","lastChangeDateTime":"2024-01-01T00:00:00Z"%s}`, i, i, x)
	}
	b.WriteString(`]}`)
	return b.String()
}

// Oversized fields, objects and frameworks are rejected with the path of
// what is too large and the flag that sets the limit; under the default
// limits too (a 1 MB statement, a 1 MB unknown member).
func TestDecoderLimits(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	small := casefile.Limits{MaxStatementBytes: 100, MaxNotesBytes: 100, MaxExtensionBytes: 100, MaxObjectBytes: 1000, MaxObjects: 5}
	cases := []struct {
		name   string
		limits casefile.Limits
		body   string
		path   string
		flag   string
	}{
		{"100 KB statement, defaults", casefile.Limits{}, limitPackage(1, `,"humanCodingScheme":"A","abbreviatedStatement":"`+big[:100<<10]+`"`, ""), "$.CFItems[0].abbreviatedStatement", "--max-statement-bytes"},
		{"1 MB unknown member, defaults", casefile.Limits{}, limitPackage(1, `,"x-big":"`+big+`"`, ""), "$.CFItems[0]", "--max-object-bytes"},
		{"unknown member", small, limitPackage(1, `,"x-big":"`+big[:200]+`"`, ""), "$.CFItems[0].x-big", "--max-extension-bytes"},
		{"extensions", small, limitPackage(1, `,"extensions":{"a":"`+big[:200]+`"}`, ""), "$.CFItems[0].extensions", "--max-extension-bytes"},
		{"statement", small, strings.Replace(limitPackage(1, "", ""), `"fullStatement":"s"`, `"fullStatement":"`+big[:200]+`"`, 1), "$.CFItems[0].fullStatement", "--max-statement-bytes"},
		{"notes", small, limitPackage(1, `,"notes":"`+big[:200]+`"`, ""), "$.CFItems[0].notes", "--max-notes-bytes"},
		{"object", small, limitPackage(1, `,"humanCodingScheme":"`+big[:2000]+`"`, ""), "$.CFItems[0]", "--max-object-bytes"},
		{"package member", small, limitPackage(1, "", `,"x-top":"`+big[:200]+`"`), "$.x-top", "--max-extension-bytes"},
		{"objects", small, limitPackage(50, "", ""), "$.CFItems[4]", "--max-objects"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := casefile.Decode(strings.NewReader(c.body), casefile.DecodeOptions{Limits: c.limits})
			var ce *casefile.Error
			if !errors.As(err, &ce) || ce.Code != casefile.Invalid {
				t.Fatalf("want a rejection, got %v", err)
			}
			for _, p := range ce.Problems {
				if p.Path == c.path && strings.Contains(p.Message, c.flag) {
					return
				}
			}
			t.Fatalf("no problem at %s naming %s in %v", c.path, c.flag, ce.Problems)
		})
	}
	// Under the limits everything is accepted.
	if _, _, err := casefile.Decode(strings.NewReader(limitPackage(4, `,"notes":"n","x-u":"u"`, "")), casefile.DecodeOptions{Limits: small}); err != nil {
		t.Fatalf("package under the limits: %v", err)
	}
}
