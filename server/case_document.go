package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// getCFDocument is GET /CFDocuments/{sourcedId}: the flat standalone CFDocument.
func (s *Server) getCFDocument(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	d, err := resolve(r, s.cfg.Store.Document)
	if err != nil {
		return err
	}
	data, err := casefile.MarshalDocument(d, v)
	if err != nil {
		return err
	}
	s.writeObject(w, r, data, lastChange(d.LastChangeDateTime))
	return nil
}

// docRecord is one encoded document with its decoded form for filters.
type docRecord struct {
	data   []byte
	fields map[string]any
}

// getAllCFDocuments is GET /CFDocuments: {"CFDocuments":[…]} with limit,
// offset, sort, orderBy, filter and fields, X-Total-Count and Link headers.
// The answer to each query string is encoded once per store generation.
func (s *Server) getAllCFDocuments(w http.ResponseWriter, r *http.Request, v casefile.Version) error {
	q, err := parseDocumentQuery(r.URL.Query(), v)
	if err != nil {
		return err
	}
	return s.cachedRead(w, r, "CFDocuments\x00"+r.URL.Path+"?"+r.URL.RawQuery, func() (*cachedResp, error) {
		return s.listCFDocuments(r, q, v)
	})
}

// listCFDocuments reads, filters, sorts and encodes one page of documents.
func (s *Server) listCFDocuments(r *http.Request, q documentQuery, v casefile.Version) (*cachedResp, error) {
	docs, err := s.cfg.Store.Documents(r.Context())
	if err != nil {
		return nil, err
	}
	stamps := make([]string, len(docs))
	records := make([]docRecord, 0, len(docs))
	m := newMatcher()
	for i := range docs {
		stamps[i] = docs[i].LastChangeDateTime
		rec, err := encodeDocRecord(&docs[i], v)
		if err != nil {
			return nil, err
		}
		if q.filter == nil || m.match(q.filter, rec.fields) {
			records = append(records, rec)
		}
	}
	if q.sort != "" {
		sortRecords(m, records, q.sort, q.desc)
	}
	total := len(records)
	page := records[min(q.offset, total):min(q.offset+q.limit, total)]
	elems := make([][]byte, len(page))
	for i, rec := range page {
		if elems[i], err = project(rec, q.fields); err != nil {
			return nil, err
		}
	}
	header := map[string]string{"X-Total-Count": strconv.Itoa(total)}
	if links := pageLinks(s.cfg.BaseURL, r.URL, q, total); links != "" {
		header["Link"] = links
	}
	latest, err := s.latestWrite(r.Context())
	if err != nil {
		return nil, err
	}
	return &cachedResp{body: newBody(wrapSet("CFDocuments", elems), later(lastChange(stamps...), latest)), header: header}, nil
}

func encodeDocRecord(d *casefile.Document, v casefile.Version) (docRecord, error) {
	data, err := casefile.MarshalDocument(d, v)
	if err != nil {
		return docRecord{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		return docRecord{}, err
	}
	return docRecord{data: data, fields: fields}, nil
}

// sortRecords orders by one field (stable; records without it last).
func sortRecords(m *matcher, recs []docRecord, field string, desc bool) {
	key := func(r docRecord) (string, bool) {
		vals, _, found := fieldValues(r.fields, []string{field})
		if !found || len(vals) == 0 {
			return "", false
		}
		return strings.Join(vals, ","), true
	}
	sort.SliceStable(recs, func(i, j int) bool {
		a, okA := key(recs[i])
		b, okB := key(recs[j])
		if okA != okB {
			return okA
		}
		c := m.compare(a, b)
		if desc {
			return c > 0
		}
		return c < 0
	})
}

// project keeps only the selected members (all when fields is nil).
func project(rec docRecord, fields []string) ([]byte, error) {
	if fields == nil {
		return rec.data, nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	n := 0
	for _, f := range fields {
		val, ok := rec.fields[f]
		if !ok {
			continue
		}
		enc, err := marshalJSON(val)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		fmt.Fprintf(&b, "%q:", f)
		b.Write(enc)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// pageLinks builds the RFC 5988 Link header: first, prev, next, last.
func pageLinks(base string, u *url.URL, q documentQuery, total int) string {
	link := func(offset int, rel string) string {
		vals := u.Query()
		vals.Set("limit", strconv.Itoa(q.limit))
		vals.Set("offset", strconv.Itoa(offset))
		return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, base, u.Path, vals.Encode(), rel)
	}
	links := []string{link(0, "first")}
	if q.offset > 0 {
		links = append(links, link(max(0, q.offset-q.limit), "prev"))
	}
	if q.offset+q.limit < total {
		links = append(links, link(q.offset+q.limit, "next"))
	}
	last := 0
	if total > 0 {
		last = (total - 1) / q.limit * q.limit
	}
	links = append(links, link(last, "last"))
	return strings.Join(links, ", ")
}
