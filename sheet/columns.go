package sheet

import (
	"strings"
	"unicode"
)

// Canonical column names. A header cell matches one when it is equal after
// lower-casing and dropping spaces, underscores, hyphens and dots, or when it
// is one of the aliases below (OpenSALT's and COMPEITO's spellings).
const (
	colIdentifier   = "identifier"
	colURI          = "uri"
	colStatement    = "fullstatement"
	colCode         = "humancodingscheme"
	colAbbreviated  = "abbreviatedstatement"
	colAltLabel     = "alternativelabel"
	colKeywords     = "conceptkeywords"
	colNotes        = "notes"
	colLanguage     = "language"
	colEducation    = "educationlevel"
	colItemType     = "cfitemtype"
	colItemTypeID   = "cfitemtypeidentifier"
	colItemTypeURI  = "cfitemtypeuri"
	colLicense      = "license"
	colLicenseID    = "licenseidentifier"
	colLicenseURI   = "licenseuri"
	colListEnum     = "listenumeration"
	colSmartLevel   = "smartlevel"
	colSequence     = "sequencenumber"
	colParent       = "ischildof"
	colLastChange   = "lastchangedatetime"
	colStatusStart  = "statusstartdate"
	colStatusEnd    = "statusenddate"
	colGroup        = "cfassociationgroupidentifier"
	colExtensions   = "extensions"
	colParentSeqKey = "ischildofsequencenumber"
)

// aliases maps other spellings (normalised) to canonical names.
var aliases = map[string]string{
	"parent":           colParent,
	"parentidentifier": colParent,
	"parentcode":       colParent,
	"educationallevel": colEducation,
	"itemtype":         colItemType,
	"keywords":         colKeywords,
	"order":            "",
	"sequence":         colSequence,
}

// associationColumns maps a column of a flat sheet to the association type
// its values name (several values in one cell are allowed).
var associationColumns = map[string]string{
	"ispartof":        "isPartOf",
	"ispeerof":        "isPeerOf",
	"isexactmatchof":  "exactMatchOf",
	"exactmatchof":    "exactMatchOf",
	"isrelatedto":     "isRelatedTo",
	"relatedto":       "isRelatedTo",
	"precedes":        "precedes",
	"replacedby":      "replacedBy",
	"exemplar":        "exemplar",
	"hasskilllevel":   "hasSkillLevel",
	"istranslationof": "isTranslationOf",
}

// normHeader lower-cases a header cell and drops everything but letters and digits.
func normHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(h, "\ufeff") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// canonical is the canonical name of a header cell ("" when it has none).
func canonical(h string) string {
	n := normHeader(h)
	if c, ok := aliases[n]; ok {
		return c
	}
	return n
}

// index fills t.cols from t.header; the first of two columns with the same
// canonical name wins, later ones are reported by duplicateColumns.
func (t *table) index() []int {
	t.cols = make(map[string]int, len(t.header))
	var dups []int
	for i, h := range t.header {
		c := canonical(h)
		if c == "" {
			continue
		}
		if _, ok := t.cols[c]; ok {
			dups = append(dups, i)
			continue
		}
		t.cols[c] = i
	}
	return dups
}
