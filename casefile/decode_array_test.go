package casefile_test

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// decoded is everything DecodeMany gives, as a user sees it.
type decoded struct {
	pkgs     []*casefile.Package
	warnings []casefile.Warning
	err      string
	problems []casefile.Problem
}

func decodeWith(t *testing.T, data []byte, opt casefile.DecodeOptions, workers, chunk int) decoded {
	t.Helper()
	pkgs, ws, err := casefile.DecodeManyWith(bytes.NewReader(data), opt, workers, chunk)
	d := decoded{pkgs: pkgs, warnings: ws}
	if err != nil {
		d.err = err.Error()
		var ce *casefile.Error
		if errors.As(err, &ce) {
			d.problems = ce.Problems
		}
	}
	return d
}

// sameDecode decodes data with one worker in one large chunk (the order of
// a single reader) and with several workers in chunks of a few elements,
// and fails unless every result is identical.
func sameDecode(t *testing.T, name string, data []byte, opt casefile.DecodeOptions) decoded {
	t.Helper()
	want := decodeWith(t, data, opt, 1, 1<<30)
	for _, c := range []struct{ workers, chunk int }{{1, 1}, {2, 7}, {4, 512}, {0, 0}} {
		got := decodeWith(t, data, opt, c.workers, c.chunk)
		for _, part := range []struct {
			what      string
			got, want any
		}{
			{"error", got.err, want.err},
			{"problems", got.problems, want.problems},
			{"warnings", got.warnings, want.warnings},
			{"packages", got.pkgs, want.pkgs},
		} {
			if !reflect.DeepEqual(part.got, part.want) {
				t.Errorf("%s: %d workers, chunks of %d: %s differ from one worker's", name, c.workers, c.chunk, part.what)
			}
		}
	}
	return want
}

// TestParallelDecodeFixtures decodes every JSON fixture (real frameworks,
// CASE 1.1, legacy exports and bad inputs) with one worker and with several.
func TestParallelDecodeFixtures(t *testing.T) {
	dir := fixture.Dir(t)
	n := 0
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		sameDecode(t, filepath.Base(path), data, casefile.DecodeOptions{BaseURL: testBase})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d JSON fixtures found in %s", n, dir)
	}
}

// badElements are array elements that give warnings or problems, each of
// another kind; badPackage puts them at chosen places.
var badElements = []func(i int) string{
	func(int) string { return `1` },
	func(int) string { return `null` },
	func(i int) string {
		return `{"identifier":"item-` + strconv.Itoa(i) + `","fullStatement":"not a UUID"}`
	},
	func(i int) string {
		return strings.Replace(goodItem(i), `"identifier":"`+itemID(i), `"identifier":"`+strings.ToUpper(itemID(i)), 1)
	},
	func(i int) string { return `{"fullStatement":"no identifier, no uri"}` },
	func(i int) string { return goodItemWith(i, `"position":3,"educationLevel":"09","fullStatement":"s"`) },
	func(i int) string { return goodItemWith(i, `"fullStatement":"`+strings.Repeat("x", 300)+`"`) },
	func(i int) string {
		return goodItemWith(i, `"notes":{"a":1},"extensions":{"k":"v"},"fullStatement":"s"`)
	},
	func(i int) string {
		return goodItemWith(i, `"CFDocumentURI":{"identifier":"`+casefile.NameUUID("other")+`"},"fullStatement":"s"`)
	},
	func(i int) string { return goodItem(i - 1) }, // a duplicate of the one before
	func(i int) string {
		return goodItemWith(i, `"blob":"`+strings.Repeat("y", 2000)+`","fullStatement":"s"`)
	},
}

// largeElement is an item of 1.5 MB (of unknown members), read alone.
func largeElement(i int) string {
	return goodItemWith(i, `"blob":"`+strings.Repeat("z", 20000)+`","fullStatement":"s","big":[`+strings.Repeat(`"`+strings.Repeat("b", 60)+`",`, 24000)+`1]`)
}

func itemID(i int) string { return casefile.NameUUID("item" + strconv.Itoa(i)) }

func goodItem(i int) string {
	return goodItemWith(i, `"fullStatement":"Statement `+strconv.Itoa(i)+`"`)
}

func goodItemWith(i int, members string) string {
	id := itemID(i)
	return `{"identifier":"` + id + `","uri":"` + testBase + `/CFItems/` + id + `","lastChangeDateTime":"2024-01-02T03:04:05+01:00",` + members + `}`
}

func goodAssociation(i int, doc string) string {
	id := casefile.NameUUID("assoc" + strconv.Itoa(i))
	return `{"identifier":"` + id + `","uri":"` + testBase + `/CFAssociations/` + id + `","associationType":"ischildof","sequenceNumber":"` + strconv.Itoa(i) +
		`","lastChangeDateTime":"2024-01-02T03:04:05Z","originNodeIdentifier":"` + itemID(i) + `","destinationNodeURI":{"title":"d","identifier":"` + doc + `","uri":"` + testBase + `/CFDocuments/` + doc + `"}}`
}

// warnOnly are the kinds of badElements that give only warnings.
var warnOnly = []func(i int) string{badElements[3], badElements[5], badElements[7], badElements[8], badElements[10]}

// badPackage is a package of n items and n associations in which the items
// at the given places are bad elements (of the given kinds, in turn).
func badPackage(n int, bad func(i int) bool, kinds []func(int) string) []byte {
	doc := casefile.NameUUID("doc")
	var b bytes.Buffer
	b.WriteString(`{"CFDocument":{"identifier":"` + doc + `","uri":"` + testBase + `/CFDocuments/` + doc + `","creator":"c","title":"Bad","lastChangeDateTime":"2024-01-02T03:04:05Z"},"CFItems":[`)
	k := 0
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		if bad(i) {
			b.WriteString(kinds[k%len(kinds)](i))
			k++
		} else {
			b.WriteString(goodItem(i))
		}
	}
	b.WriteString(`],"CFAssociations":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(goodAssociation(i, doc))
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// TestParallelDecodeBadElements decodes large packages with bad elements at
// chunk boundaries and scattered, more problems than are kept, and an object
// limit reached halfway through the associations: several workers give
// exactly what one gives.
func TestParallelDecodeBadElements(t *testing.T) {
	small := casefile.Limits{MaxStatementBytes: 200, MaxExtensionBytes: 1000}
	at := func(places ...int) func(int) bool {
		return func(i int) bool {
			for _, p := range places {
				if i == p {
					return true
				}
			}
			return false
		}
	}
	cases := []struct {
		name    string
		n       int
		bad     func(int) bool
		kinds   []func(int) string
		limits  casefile.Limits
		wantErr string
	}{
		{"clean", 3000, func(int) bool { return false }, nil, small, ""},
		{"at the edges of chunks", 3000, at(0, 6, 7, 8, 511, 512, 513, 1023, 2999), badElements, small, "$.CFItems[0]: must be an object"},
		{"scattered", 5000, func(i int) bool { return i%97 == 13 }, badElements, small, "$.CFItems[13]: must be an object"},
		{"more problems than are kept", 6000, func(i int) bool { return i%3 == 0 }, badElements, small, "more problems"},
		{"warnings only", 4000, func(i int) bool { return i%2 == 1 }, warnOnly, casefile.Limits{}, ""},
		{"large elements", 3000, at(5, 6, 700, 2999), []func(int) string{largeElement}, casefile.Limits{MaxObjectBytes: 3 << 20, MaxExtensionBytes: 3 << 20}, ""},
		{"large elements over the limit", 3000, at(5, 6, 700, 2999), []func(int) string{largeElement}, casefile.Limits{}, "$.CFItems[5]: the object is"},
		{"object limit in the associations", 3000, func(i int) bool { return i%500 == 5 }, badElements, casefile.Limits{MaxObjects: 4500}, "more than 4500 objects"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := badPackage(c.n, c.bad, c.kinds)
			got := sameDecode(t, c.name, data, casefile.DecodeOptions{BaseURL: testBase, Limits: c.limits})
			all := got.err
			for _, p := range got.problems {
				all += "\n" + p.String()
			}
			if !strings.Contains(all, c.wantErr) || (c.wantErr == "") != (got.err == "") {
				t.Errorf("error %q, want one with %q", got.err, c.wantErr)
			}
			if c.wantErr == "" && (len(got.pkgs) != 1 || len(got.warnings) == 0) {
				t.Errorf("%d packages, %d warnings", len(got.pkgs), len(got.warnings))
			}
		})
	}
	t.Run("what the chunks tell the package", func(t *testing.T) {
		// 400 items name another document, 400 carry extensions (1.1).
		got := decodeWith(t, badPackage(4000, func(i int) bool { return i%2 == 1 }, warnOnly), casefile.DecodeOptions{}, 2, 7)
		owners := 0
		for _, w := range got.warnings {
			if strings.HasPrefix(w.Message, "CFDocumentURI names another document") {
				owners++
			}
		}
		if len(got.pkgs) != 1 || got.pkgs[0].Version != casefile.V1p1 || owners != 400 {
			t.Errorf("%d packages, CASE %v, %d warnings of another document; want 1, 1.1, 400", len(got.pkgs), got.pkgs[0].Version, owners)
		}
		// 2,000 items are not objects: 1,000 of these problems are kept, all
		// are counted (and 2,000 associations lose their origin).
		data := badPackage(6000, func(i int) bool { return i%3 == 0 }, badElements[:1])
		for _, chunk := range []int{7, 1 << 30} {
			got = decodeWith(t, data, casefile.DecodeOptions{}, 2, chunk)
			notObject := 0
			for _, p := range got.problems {
				if p.Message == "must be an object" {
					notObject++
				}
			}
			if notObject != 1000 || !strings.HasSuffix(got.err, "and 3999 more problems") {
				t.Errorf("chunks of %d: %d problems kept of items not objects, error %q", chunk, notObject, got.err)
			}
		}
	})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// itemStream yields the items of a huge CFItems array one at a time.
type itemStream struct {
	i, n int
	buf  []byte
}

func (s *itemStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		if s.i == s.n {
			return 0, io.EOF
		}
		if s.i > 0 {
			s.buf = append(s.buf, ',')
		}
		s.buf = append(s.buf, goodItem(s.i)...)
		s.i++
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	return n, nil
}

// TestParallelDecodeStopsAtObjectLimit feeds two million items to a decoder
// whose object limit is 1,000: it must reject the input after reading about
// a thousand items (the document is the first object), whatever the number
// of workers.
func TestParallelDecodeStopsAtObjectLimit(t *testing.T) {
	const items, limit = 2_000_000, 1000
	for _, workers := range []int{1, 4} {
		doc := casefile.NameUUID("doc")
		in := &countingReader{r: io.MultiReader(
			strings.NewReader(`{"CFDocument":{"identifier":"`+doc+`","uri":"u","creator":"c","title":"t","lastChangeDateTime":"2024-01-02T03:04:05Z"},"CFItems":[`),
			&itemStream{n: items}, strings.NewReader(`]}`))}
		_, _, err := casefile.DecodeManyWith(in, casefile.DecodeOptions{Limits: casefile.Limits{MaxObjects: limit}}, workers, 64)
		var ce *casefile.Error
		if !errors.As(err, &ce) || ce.Code != casefile.Invalid || len(ce.Problems) != 1 ||
			ce.Problems[0].Path != "$.CFItems[999]" || !strings.Contains(ce.Problems[0].Message, "more than 1000 objects") {
			t.Fatalf("%d workers: error %v", workers, err)
		}
		if most := int64(limit+1)*int64(len(goodItem(items))) + 2<<20; in.n > most {
			t.Errorf("%d workers: read %d bytes before rejecting, more than %d", workers, in.n, most)
		}
	}
}
