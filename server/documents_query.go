package server

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// defaultDocumentLimit is the page size when limit is absent (CASE 1.1 §3.1).
const defaultDocumentLimit = 100

// documentQuery is the parsed query of getAllCFDocuments.
type documentQuery struct {
	limit, offset int
	sort          string // canonical field name; "" = default order
	desc          bool
	filter        filterExpr // nil = every document
	fields        []string   // nil = every field
}

// documentFields are the CFDocument members per version; link members have
// the sub-fields title, identifier and uri.
var documentFields10 = []string{"identifier", "uri", "creator", "title", "lastChangeDateTime", "officialSourceURL",
	"publisher", "description", "subject", "subjectURI", "language", "version", "adoptionStatus",
	"statusStartDate", "statusEndDate", "licenseURI", "notes", "CFPackageURI"}

var documentFields11 = append(slices.Clone(documentFields10), "frameworkType", "caseVersion", "extensions")

var linkFields = map[string]bool{"subjectURI": true, "licenseURI": true, "CFPackageURI": true}

func documentFields(v casefile.Version) []string {
	if v == casefile.V1p0 {
		return documentFields10
	}
	return documentFields11
}

// canonicalField returns the CFDocument member named name (any case) in v.
func canonicalField(v casefile.Version, name string) (string, bool) {
	for _, f := range documentFields(v) {
		if strings.EqualFold(f, name) {
			return f, true
		}
	}
	return "", false
}

// knownFieldPath reports whether a dotted filter field exists in v.
func knownFieldPath(v casefile.Version, path []string) bool {
	top, ok := canonicalField(v, path[0])
	switch {
	case !ok:
		return false
	case len(path) == 1 || top == "extensions":
		return true
	case linkFields[top] && len(path) == 2:
		return slices.ContainsFunc([]string{"title", "identifier", "uri"}, func(s string) bool { return strings.EqualFold(s, path[1]) })
	}
	return false
}

// parseDocumentQuery validates the query parameters of getAllCFDocuments.
// Malformed values are Invalid errors (400 invalid_selection_field).
func parseDocumentQuery(q url.Values, v casefile.Version) (documentQuery, error) {
	dq := documentQuery{limit: defaultDocumentLimit}
	var err error
	if dq.limit, err = intParam(q, "limit", defaultDocumentLimit, 1); err != nil {
		return dq, err
	}
	if dq.offset, err = intParam(q, "offset", 0, 0); err != nil {
		return dq, err
	}
	if sorts := q["sort"]; len(sorts) > 0 {
		dq.sort, _ = canonicalField(v, strings.TrimSpace(sorts[0])) // unknown: default order (§3.2)
	}
	switch ob := strings.ToLower(q.Get("orderBy")); ob {
	case "", "asc":
	case "desc":
		dq.desc = true
	default:
		return dq, newError(kindInvalid, "orderBy", "orderBy must be asc or desc")
	}
	if fs, ok := q["filter"]; ok {
		if dq.filter, err = parseDocumentFilter(fs, v); err != nil {
			return dq, err
		}
	}
	if fs, ok := q["fields"]; ok {
		if dq.fields, err = parseFields(fs, v); err != nil {
			return dq, err
		}
	}
	return dq, nil
}

func intParam(q url.Values, name string, def, minimum int) (int, error) {
	vals, ok := q[name]
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(vals[0]))
	if err != nil || n < minimum || n > 1<<31-1 {
		return 0, newError(kindInvalid, name, name+" must be an integer of at least "+strconv.Itoa(minimum))
	}
	return n, nil
}

func parseDocumentFilter(values []string, v casefile.Version) (filterExpr, error) {
	if len(values) != 1 || strings.TrimSpace(values[0]) == "" {
		return nil, newError(kindInvalid, "filter", "give one non-empty filter, e.g. filter=title~'math'")
	}
	e, err := parseFilter(values[0])
	if err != nil {
		return nil, newError(kindInvalid, "filter", "malformed filter: "+err.Error())
	}
	for _, path := range filterFields(e) {
		if !knownFieldPath(v, path) {
			// The spec's code, invalid_filter_field, is missing from the
			// codeMinor enum; invalid_selection_field keeps the body schema-valid.
			return nil, newError(kindInvalid, "filter", "invalid_filter_field: "+quoteShort(strings.Join(path, "."))+" is not a CFDocument field")
		}
	}
	return e, nil
}

// parseFields accepts comma lists and repeated parameters. A blank entry is
// invalid; an unknown name selects the full record (nil).
func parseFields(values []string, v casefile.Version) ([]string, error) {
	var out []string
	unknown := false
	for _, val := range values {
		for _, name := range strings.Split(val, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				return nil, newError(kindInvalid, "fields", "fields has a blank entry; give field names separated by commas")
			}
			f, ok := canonicalField(v, name)
			if !ok {
				unknown = true
				continue
			}
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	if unknown {
		return nil, nil
	}
	return out, nil
}
