package casefile

import "encoding/json"

// Version is a CASE specification version.
type Version string

const (
	V1p0 Version = "1.0"
	V1p1 Version = "1.1"
)

// Fields holds JSON members keyed by name: 1.1 `extensions` content, or
// members a publisher sent that the model does not know. Values are kept as
// the raw JSON that arrived so nothing is lost.
type Fields map[string]json.RawMessage

// LinkURI points at another CASE object (CFItemTypeURI, licenseURI, ...).
type LinkURI struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

// LinkGenURI is an association end (originNodeURI, destinationNodeURI). Its
// identifier may be any string; TargetType is 1.1 only.
type LinkGenURI struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
	TargetType string `json:"targetType,omitempty"`
}

// Document is a CFDocument: the framework itself. Its identifier is also the
// framework's (and its CFPackage's) identifier.
type Document struct {
	Identifier         string
	URI                string
	FrameworkType      string // 1.1
	CaseVersion        string // 1.1
	Creator            string
	Title              string
	LastChangeDateTime string // RFC 3339, UTC
	OfficialSourceURL  string
	Publisher          string
	Description        string
	Subject            []string
	SubjectURI         []LinkURI
	Language           string
	Version            string
	AdoptionStatus     string
	StatusStartDate    string // YYYY-MM-DD
	StatusEndDate      string
	LicenseURI         *LinkURI
	Notes              string
	CFPackageURI       *LinkURI // standalone form only
	Common
}

// Common is what every CASE object carries besides its own fields.
type Common struct {
	// Extensions is the 1.1 `extensions` object.
	Extensions Fields
	// Unknown holds members the model does not know; 1.1 output puts them in
	// `extensions`, 1.0 output leaves them out.
	Unknown Fields
	// OriginalIdentifier is the identifier as sent when it was not a UUID and
	// was mapped to a name-based UUID; lookups by it still work.
	OriginalIdentifier string
}

// Item is a CFItem: a standard, competency or any node of a framework tree.
type Item struct {
	Identifier           string
	FullStatement        string
	AlternativeLabel     string
	CFItemType           string
	URI                  string
	HumanCodingScheme    string
	ListEnumeration      string
	AbbreviatedStatement string
	ConceptKeywords      []string
	ConceptKeywordsURI   *LinkURI
	Notes                string
	Subject              []string  // 1.1
	SubjectURI           []LinkURI // 1.1
	Language             string
	EducationLevel       []string
	CFItemTypeURI        *LinkURI
	LicenseURI           *LinkURI
	StatusStartDate      string
	StatusEndDate        string
	LastChangeDateTime   string
	CFDocumentURI        *LinkURI // standalone form only
	Common
}

// Association is a CFAssociation: origin associationType destination.
type Association struct {
	Identifier               string
	AssociationType          string
	SequenceNumber           *int
	URI                      string
	OriginNodeURI            LinkGenURI
	DestinationNodeURI       LinkGenURI
	CFAssociationGroupingURI *LinkURI
	LastChangeDateTime       string
	Notes                    string   // 1.1
	CFDocumentURI            *LinkURI // standalone form only
	Common
}

// Association types of CASE 1.0, plus isTranslationOf from 1.1. Publisher
// types of the form "ext:name" are valid in 1.1.
const (
	IsChildOf       = "isChildOf"
	IsPartOf        = "isPartOf"
	IsPeerOf        = "isPeerOf"
	ExactMatchOf    = "exactMatchOf"
	IsRelatedTo     = "isRelatedTo"
	Precedes        = "precedes"
	ReplacedBy      = "replacedBy"
	Exemplar        = "exemplar"
	HasSkillLevel   = "hasSkillLevel"
	IsTranslationOf = "isTranslationOf"
)

// AssociationTypes10 is the closed 1.0 vocabulary.
var AssociationTypes10 = []string{IsChildOf, IsPartOf, IsPeerOf, ExactMatchOf, IsRelatedTo, Precedes, ReplacedBy, Exemplar, HasSkillLevel}

// Definitions is CFDefinitions: the vocabularies a package refers to.
type Definitions struct {
	CFConcepts             []Concept
	CFSubjects             []Subject
	CFLicenses             []License
	CFItemTypes            []ItemType
	CFAssociationGroupings []AssociationGrouping
	Common
}

// Concept is a CFConcept. Keywords is one pipe-delimited string.
type Concept struct {
	Identifier         string
	URI                string
	Title              string
	Keywords           string
	HierarchyCode      string
	Description        string
	LastChangeDateTime string
	Common
}

// Subject is a CFSubject.
type Subject struct {
	Identifier         string
	URI                string
	Title              string
	HierarchyCode      string
	Description        string
	LastChangeDateTime string
	Common
}

// License is a CFLicense.
type License struct {
	Identifier         string
	URI                string
	Title              string
	Description        string
	LicenseText        string
	LastChangeDateTime string
	Common
}

// ItemType is a CFItemType.
type ItemType struct {
	Identifier         string
	URI                string
	Title              string
	Description        string
	HierarchyCode      string
	TypeCode           string
	LastChangeDateTime string
	Common
}

// AssociationGrouping is a CFAssociationGrouping.
type AssociationGrouping struct {
	Identifier         string
	URI                string
	Title              string
	Description        string
	LastChangeDateTime string
	Common
}

// Rubric is a CFRubric with its criteria and their levels.
type Rubric struct {
	Identifier         string
	URI                string
	Title              string
	Description        string
	LastChangeDateTime string
	CFRubricCriteria   []RubricCriterion
	Common
}

// RubricCriterion is one row of a rubric.
type RubricCriterion struct {
	Identifier              string
	URI                     string
	Category                string
	Description             string
	CFItemURI               *LinkURI
	Weight                  *float64
	Position                *int
	RubricID                string
	LastChangeDateTime      string
	CFRubricCriterionLevels []RubricCriterionLevel
	Common
}

// RubricCriterionLevel is one cell of a rubric row. In the 1.1 schema its
// `extensions` is an array; it is kept raw here.
type RubricCriterionLevel struct {
	Identifier         string
	URI                string
	Description        string
	Quality            string
	Score              *float64
	Feedback           string
	Position           *int
	RubricCriterionID  string
	LastChangeDateTime string
	ExtensionsList     json.RawMessage
	Common
}

// Package is a CFPackage: a whole framework.
type Package struct {
	CFDocument     Document
	CFItems        []Item
	CFAssociations []Association
	CFDefinitions  Definitions
	CFRubrics      []Rubric
	Common
	// Version is the CASE version the package arrived in (detected), or the
	// one it is to be encoded in.
	Version Version
}
