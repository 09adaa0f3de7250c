// Package search is the node's competency index: an explicit Bleve mapping over
// CFItems, batched indexing that follows the store's change sequence, rebuilds
// behind an index alias, and queries that return ranked item ids hydrated from
// the store.
package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	charregexp "github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	tokregexp "github.com/blevesearch/bleve/v2/analysis/tokenizer/regexp"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/casenode/casenode/casefile"
)

// MappingVersion names the shape of the index. Change it whenever the mapping
// or what goes into a document changes: an index built with another version
// is rebuilt (in the background, while the old one keeps answering).
const MappingVersion = 6 // 6: text indexed without markup (casefile.ReaderText)

// docType is the one document type of the index.
const docType = "item"

// Field names of the index. Facet fields use the casefile.Facet* names.
const (
	fieldAll            = "_all"
	fieldFullStatement  = "fullStatement"
	fieldAbbreviated    = "abbreviatedStatement"
	fieldNotes          = "notes"
	fieldKeywords       = "conceptKeywords"
	fieldAltLabel       = "alternativeLabel"
	fieldFrameworkTitle = "frameworkTitle"
	fieldCode           = "code"      // humanCodingScheme, whole, lower-cased
	fieldCodeKey        = "codeKey"   // humanCodingScheme without punctuation
	fieldCodeParts      = "codeParts" // humanCodingScheme split on punctuation
	fieldHasLevel       = "hasLevel"  // "y"/"n": whether educationLevel is set
	fieldFacetSet       = "facetSet"  // key of the item's combination of facet values, for counting
)

// facetSep joins a facet name and a value in a facet set.
const facetSep = "\x1f"

// Analyzer names registered in the mapping.
const (
	analyzerText      = en.AnalyzerName // tokenise, possessives, lower, stop words, Porter stem
	analyzerCode      = "code_exact"
	analyzerCodeKey   = "code_key"
	analyzerCodeParts = "code_parts"
)

// itemDoc is what the index holds for one CFItem. Nothing is stored: a hit
// is an id that is hydrated from the store.
type itemDoc struct {
	FullStatement        string   `json:"fullStatement"`
	AbbreviatedStatement string   `json:"abbreviatedStatement,omitempty"`
	Notes                string   `json:"notes,omitempty"`
	ConceptKeywords      []string `json:"conceptKeywords,omitempty"`
	AlternativeLabel     string   `json:"alternativeLabel,omitempty"`
	FrameworkTitle       string   `json:"frameworkTitle,omitempty"`
	HumanCodingScheme    string   `json:"humanCodingScheme,omitempty"`
	Framework            string   `json:"framework"`
	Subject              []string `json:"subject,omitempty"`
	EducationLevel       []string `json:"educationLevel,omitempty"`
	HasLevel             string   `json:"hasLevel"`
	ItemType             string   `json:"itemType,omitempty"`
	Language             string   `json:"language,omitempty"`
	AdoptionStatus       string   `json:"adoptionStatus,omitempty"`
	OriginNode           string   `json:"originNode,omitempty"`
	FacetSet             string   `json:"facetSet"`
}

// BleveType makes every document an "item".
func (itemDoc) BleveType() string { return docType }

// newMapping builds the explicit index mapping; the default mapping is
// disabled so nothing is indexed by accident.
//
// Highlighting: no field value is stored, and no term locations are read at
// query time (reading them for every candidate doubled the cost of a query).
// Fragments are cut from the text hydrated from the store for the page of
// hits only, by analysing it with the same English analyzer and marking the
// tokens that match the query's terms. Term vectors are kept on the text
// fields because _all takes its positions from them, which phrase queries
// need.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerText
	im.DefaultMapping.Enabled = false
	im.DefaultMapping.Dynamic = false
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := bleve.NewDocumentStaticMapping()
	for _, name := range []string{fieldFullStatement, fieldAbbreviated, fieldNotes, fieldKeywords, fieldAltLabel, fieldFrameworkTitle} {
		dm.AddFieldMappingsAt(name, textField(name))
	}
	dm.AddFieldMappingsAt("humanCodingScheme",
		codeField(fieldCode, analyzerCode, false),
		codeField(fieldCodeKey, analyzerCodeKey, false),
		codeField(fieldCodeParts, analyzerCodeParts, true))
	for _, name := range append([]string{fieldHasLevel}, casefile.Facets...) {
		dm.AddFieldMappingsAt(name, facetField(name))
	}
	// Facets are counted from this field's postings (facetcount.go), so no
	// field needs doc values.
	dm.AddFieldMappingsAt(fieldFacetSet, facetField(fieldFacetSet))
	im.AddDocumentMapping(docType, dm)
	return im, im.Validate()
}

func addAnalyzers(im *mapping.IndexMappingImpl) error {
	if err := im.AddCustomTokenizer("code_alnum", map[string]any{
		"type": tokregexp.Name, "regexp": `[A-Za-z0-9]+`,
	}); err != nil {
		return err
	}
	if err := im.AddCustomCharFilter("strip_punct", map[string]any{
		"type": charregexp.Name, "regexp": `[^A-Za-z0-9]+`, "replace": "",
	}); err != nil {
		return err
	}
	analyzers := map[string]map[string]any{
		// 5.NF.A.1 -> "5.nf.a.1"
		analyzerCode: {"type": custom.Name, "tokenizer": single.Name, "token_filters": []any{lowercase.Name}},
		// 111.7(b)(3)(H) and 111.7.b.3.H -> "1117b3h": the same code written
		// with other punctuation still matches exactly.
		analyzerCodeKey: {"type": custom.Name, "char_filters": []any{"strip_punct"}, "tokenizer": single.Name, "token_filters": []any{lowercase.Name}},
		// 5.NF.A.1 -> "5" "nf" "a" "1"
		analyzerCodeParts: {"type": custom.Name, "tokenizer": "code_alnum", "token_filters": []any{lowercase.Name}},
	}
	for name, cfg := range analyzers {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return err
		}
	}
	return nil
}

func textField(name string) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzerText
	fm.Store = false
	fm.IncludeTermVectors = true
	fm.IncludeInAll = true
	fm.DocValues = false
	return fm
}

func codeField(name, analyzer string, inAll bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = inAll
	fm.DocValues = false
	return fm
}

func facetField(name string) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Name = name
	fm.Analyzer = keyword.Name
	fm.Store = false
	fm.IncludeTermVectors = false
	fm.IncludeInAll = false
	fm.DocValues = false
	fm.SkipFreqNorm = true
	return fm
}
