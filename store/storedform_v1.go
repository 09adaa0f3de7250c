package store

import (
	"encoding/json"

	"github.com/casenode/casenode/casefile"
)

// Stored form version 1: the JSON of every data column, with its member names
// fixed here, independent of the Go names in casefile. The names are those
// encoding/json gave the untagged casefile structs before the stored form was
// made explicit, so databases written before it read back byte for byte and
// keep their hashes. Members are written in the order declared here; top-level
// "" and null members are left out (see compactTop), so a member added later
// that is empty on existing objects changes neither their bytes nor their hash.
// The conversions (storedform_convert.go) name every field, so a field
// renamed in casefile stops the build; TestStoredFormCoversCasefile fails when
// casefile gains a field that the stored form does not keep.

type linkV1 struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type genLinkV1 struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
	TargetType string `json:"targetType,omitempty"`
}

type commonV1 struct {
	Extensions         casefile.Fields `json:"Extensions"`
	Unknown            casefile.Fields `json:"Unknown"`
	OriginalIdentifier string          `json:"OriginalIdentifier"`
}

type documentV1 struct {
	Identifier         string   `json:"Identifier"`
	URI                string   `json:"URI"`
	FrameworkType      string   `json:"FrameworkType"`
	CaseVersion        string   `json:"CaseVersion"`
	Creator            string   `json:"Creator"`
	Title              string   `json:"Title"`
	LastChangeDateTime string   `json:"LastChangeDateTime"`
	OfficialSourceURL  string   `json:"OfficialSourceURL"`
	Publisher          string   `json:"Publisher"`
	Description        string   `json:"Description"`
	Subject            []string `json:"Subject"`
	SubjectURI         []linkV1 `json:"SubjectURI"`
	Language           string   `json:"Language"`
	Version            string   `json:"Version"`
	AdoptionStatus     string   `json:"AdoptionStatus"`
	StatusStartDate    string   `json:"StatusStartDate"`
	StatusEndDate      string   `json:"StatusEndDate"`
	LicenseURI         *linkV1  `json:"LicenseURI"`
	Notes              string   `json:"Notes"`
	CFPackageURI       *linkV1  `json:"CFPackageURI"`
	commonV1
}

// itemV1 is written by appendItem without reflection; encode_fast_test
// checks that the bytes are the same as encoding/json of itemV1.
type itemV1 struct {
	Identifier           string   `json:"Identifier"`
	FullStatement        string   `json:"FullStatement"`
	AlternativeLabel     string   `json:"AlternativeLabel"`
	CFItemType           string   `json:"CFItemType"`
	URI                  string   `json:"URI"`
	HumanCodingScheme    string   `json:"HumanCodingScheme"`
	ListEnumeration      string   `json:"ListEnumeration"`
	AbbreviatedStatement string   `json:"AbbreviatedStatement"`
	ConceptKeywords      []string `json:"ConceptKeywords"`
	ConceptKeywordsURI   *linkV1  `json:"ConceptKeywordsURI"`
	Notes                string   `json:"Notes"`
	Subject              []string `json:"Subject"`
	SubjectURI           []linkV1 `json:"SubjectURI"`
	Language             string   `json:"Language"`
	EducationLevel       []string `json:"EducationLevel"`
	CFItemTypeURI        *linkV1  `json:"CFItemTypeURI"`
	LicenseURI           *linkV1  `json:"LicenseURI"`
	StatusStartDate      string   `json:"StatusStartDate"`
	StatusEndDate        string   `json:"StatusEndDate"`
	LastChangeDateTime   string   `json:"LastChangeDateTime"`
	CFDocumentURI        *linkV1  `json:"CFDocumentURI"`
	commonV1
}

// associationV1 is written by appendAssociation (see itemV1).
type associationV1 struct {
	Identifier               string    `json:"Identifier"`
	AssociationType          string    `json:"AssociationType"`
	SequenceNumber           *int      `json:"SequenceNumber"`
	URI                      string    `json:"URI"`
	OriginNodeURI            genLinkV1 `json:"OriginNodeURI"`
	DestinationNodeURI       genLinkV1 `json:"DestinationNodeURI"`
	CFAssociationGroupingURI *linkV1   `json:"CFAssociationGroupingURI"`
	LastChangeDateTime       string    `json:"LastChangeDateTime"`
	Notes                    string    `json:"Notes"`
	CFDocumentURI            *linkV1   `json:"CFDocumentURI"`
	commonV1
}

type conceptV1 struct {
	Identifier         string `json:"Identifier"`
	URI                string `json:"URI"`
	Title              string `json:"Title"`
	Keywords           string `json:"Keywords"`
	HierarchyCode      string `json:"HierarchyCode"`
	Description        string `json:"Description"`
	LastChangeDateTime string `json:"LastChangeDateTime"`
	commonV1
}

type subjectV1 struct {
	Identifier         string `json:"Identifier"`
	URI                string `json:"URI"`
	Title              string `json:"Title"`
	HierarchyCode      string `json:"HierarchyCode"`
	Description        string `json:"Description"`
	LastChangeDateTime string `json:"LastChangeDateTime"`
	commonV1
}

type licenseV1 struct {
	Identifier         string `json:"Identifier"`
	URI                string `json:"URI"`
	Title              string `json:"Title"`
	Description        string `json:"Description"`
	LicenseText        string `json:"LicenseText"`
	LastChangeDateTime string `json:"LastChangeDateTime"`
	commonV1
}

type itemTypeV1 struct {
	Identifier         string `json:"Identifier"`
	URI                string `json:"URI"`
	Title              string `json:"Title"`
	Description        string `json:"Description"`
	HierarchyCode      string `json:"HierarchyCode"`
	TypeCode           string `json:"TypeCode"`
	LastChangeDateTime string `json:"LastChangeDateTime"`
	commonV1
}

type groupingV1 struct {
	Identifier         string `json:"Identifier"`
	URI                string `json:"URI"`
	Title              string `json:"Title"`
	Description        string `json:"Description"`
	LastChangeDateTime string `json:"LastChangeDateTime"`
	commonV1
}

type rubricV1 struct {
	Identifier         string        `json:"Identifier"`
	URI                string        `json:"URI"`
	Title              string        `json:"Title"`
	Description        string        `json:"Description"`
	LastChangeDateTime string        `json:"LastChangeDateTime"`
	CFRubricCriteria   []criterionV1 `json:"CFRubricCriteria"`
	commonV1
}

type criterionV1 struct {
	Identifier              string    `json:"Identifier"`
	URI                     string    `json:"URI"`
	Category                string    `json:"Category"`
	Description             string    `json:"Description"`
	CFItemURI               *linkV1   `json:"CFItemURI"`
	Weight                  *float64  `json:"Weight"`
	Position                *int      `json:"Position"`
	RubricID                string    `json:"RubricID"`
	LastChangeDateTime      string    `json:"LastChangeDateTime"`
	CFRubricCriterionLevels []levelV1 `json:"CFRubricCriterionLevels"`
	commonV1
}

type levelV1 struct {
	Identifier         string          `json:"Identifier"`
	URI                string          `json:"URI"`
	Description        string          `json:"Description"`
	Quality            string          `json:"Quality"`
	Score              *float64        `json:"Score"`
	Feedback           string          `json:"Feedback"`
	Position           *int            `json:"Position"`
	RubricCriterionID  string          `json:"RubricCriterionID"`
	LastChangeDateTime string          `json:"LastChangeDateTime"`
	ExtensionsList     json.RawMessage `json:"ExtensionsList"`
	commonV1
}

// packageExtraV1 is the package-level data that has no table of its own
// (frameworks.package_extra).
type packageExtraV1 struct {
	Package     commonV1 `json:"Package"`
	Definitions commonV1 `json:"Definitions"`
}
